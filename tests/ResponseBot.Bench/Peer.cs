using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ResponseBot.Bench;

/// <summary>
/// Card clicks measured by the peer harness (<c>run.sh</c>: wrk on core 1, A B A B rounds): ResponseBot as an extra target
/// beside Microsoft 365 Agents SDK's bare echo and the ASP.NET minimal ceiling, all on core 0.
/// </summary>
public sealed class Peer(string directory, IReadOnlyDictionary<string, List<JsonObject>> runs)
{
    public string Directory { get; } = directory;

    public static async Task<Peer> RunAsync(BenchOptions options, string name, string body, Uri bot, bool builtIns)
    {
        var output = Path.Combine(options.Out, "bench-runs", name);
        System.IO.Directory.CreateDirectory(output);
        var bodyFile = Path.Combine(output, "body.json");
        await File.WriteAllTextAsync(bodyFile, body);
        var args = new List<string>
        {
            Path.Combine(options.PeerDir, "run.sh"), "-W", options.Quick ? "5" : "20", "-w", "3", "-d", options.Quick ? "5" : "10",
            "-r", options.Quick ? "1" : "3", "-b", bodyFile, "-o", output,
        };
        if (!builtIns) args.Add("--no-builtin");
        args.Add($"responsebot={new Uri(bot, "api/messages")}");
        // Both cores for the harness, which pins its servers to core 0 and wrk to core 1 itself.
        var psi = new ProcessStartInfo("taskset") { UseShellExecute = false, WorkingDirectory = options.PeerDir };
        foreach (var a in (string[])["-c", "0,1", "bash", .. args]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the peer harness failed ({p.ExitCode}) for {name}");
        var runs = File.ReadLines(Path.Combine(output, "runs.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .GroupBy(r => r["target"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList());
        return new Peer(output, runs);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private List<JsonObject> Of(string target) =>
        runs.TryGetValue(target, out var r) ? r : throw new InvalidOperationException($"no runs for {target} in {Directory}");

    public double Rps(string target) => Math.Round(Median(Of(target).Select(r => r["rps"]!.GetValue<double>())), 1);

    public double P99(string target) => Math.Round(Median(Of(target).Select(r => r["p99_ms"]!.GetValue<double>())), 2);

    public double P50(string target) => Math.Round(Median(Of(target).Select(r => r["p50_ms"]!.GetValue<double>())), 2);

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var target in runs.Keys)
            o[target] = new JsonObject
            {
                ["runs"] = runs[target].Count, ["median_per_s"] = Rps(target), ["median_p50_ms"] = P50(target), ["median_p99_ms"] = P99(target),
                ["errors"] = runs[target].Sum(r => r["err_status"]!.GetValue<int>() + r["err_timeout"]!.GetValue<int>() + r["err_connect"]!.GetValue<int>()),
            };
        return o;
    }
}
