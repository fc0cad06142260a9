using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResponseBot.Bench;

/// <summary>bench-results.json and a Markdown table of every figure against its target.</summary>
public static class Report
{
    private sealed record Target(string Key, string What, string Goal, Func<double, JsonObject, bool> Met);

    private static readonly Target[] Targets =
    [
        new("ingest_mentions_per_s", "webhook ingest, mentions/s (fsync on)", "≥ 2,000", (v, _) => v >= 2000),
        new("ingest_ack_p99_ms", "ingest acknowledgement p99, ms", "≤ 50", (v, _) => v <= 50),
        new("card_latency_p50_ms", "mention → card posted p50 at 100 mentions/s, ten channels, ms", "≤ 30", (v, _) => v <= 30),
        new("card_latency_p99_ms", "mention → card posted p99 at 100 mentions/s, ten channels, ms", "≤ 100", (v, _) => v <= 100),
        new("click_per_s", "card click/s (slower of refresh and approve), 1 core", "≥ peer echo", (v, r) => v >= Number(r["peer_echo_per_s"])),
        new("click_p99_ms", "card click p99 at 16 concurrent, ms", "≤ 25", (v, _) => v <= 25),
        new("peer_echo_per_s", "Agents SDK (JS) bare echo/s, same core, same run", "(peer)", (_, _) => true),
        new("peak_rss_mb", "peak RSS per instance, MB", "≤ 250", (v, _) => v <= 250),
        new("teams_limit_violations", "Teams-limit violations", "0", (v, _) => v == 0),
        new("sigterm_stop_s", "SIGTERM to exit, s", "≤ 10", (v, _) => v <= 10),
        new("sigterm_db_down_stop_s", "SIGTERM to exit with PostgreSQL down and the scheduler on, s", "≤ 10", (v, _) => v <= 10),
    ];

    private static double Number(JsonNode? node) =>
        node is null ? double.NaN : double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static void Write(string directory, JsonObject results)
    {
        var json = Path.Combine(directory, "bench-results.json");
        File.WriteAllText(json, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var md = new StringBuilder();
        md.AppendLine($"# Benchmark — {results["date"]}, commit {results["commit"]}").AppendLine();
        md.AppendLine($"{results["machine"]}; {results["postgres"]}; {results["pinning"]}.").AppendLine();
        md.AppendLine("| figure | measured | target | met |").AppendLine("|---|---:|---|---|");
        foreach (var t in Targets)
        {
            var v = Number(results[t.Key]);
            md.AppendLine($"| {t.What} | {v:0.##} | {t.Goal} | {(t.Goal == "(peer)" ? "" : t.Met(v, results) ? "yes" : "**no**")} |");
        }
        // Every ingest run: the headline is the most any sustained within the p99 target.
        md.AppendLine().AppendLine($"Ingest by senders at once (the figure above: c={results["ingest_concurrency"]}):").AppendLine();
        md.AppendLine("| senders | mentions/s | p50, ms | p99, ms | all routed after, s |").AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var (key, run) in results.Where(r => r.Key.StartsWith("ingest_c", StringComparison.Ordinal) && r.Value is JsonObject))
            md.AppendLine($"| {key["ingest_c".Length..]} | {Number(run!["per_s"]):0.#} | {Number(run["p50_ms"]):0.#} | {Number(run["p99_ms"]):0.#} " +
                          $"| {Number(run["routing"]?["all_routed_after_s"]):0.#} |");
        // Where the time went, the database's beside the host's.
        md.AppendLine().AppendLine("CPU time per event (µs), warm-ups included:").AppendLine();
        md.AppendLine("| event | PostgreSQL | host |").AppendLine("|---|---:|---:|");
        foreach (var (key, what) in new[] { ("click_approve_cpu_us", "Approve click"), ("ingest_c32", "mention acknowledged and routed, c=32") })
        {
            var cpu = results[key] is JsonObject o && o["cpu_us"] is JsonObject nested ? nested : results[key] as JsonObject;
            if (cpu?["database"] is not null) md.AppendLine($"| {what} | {Number(cpu["database"]):0.#} | {Number(cpu["host"]):0.#} |");
        }
        File.WriteAllText(Path.Combine(directory, "bench-results.md"), md.ToString());
        Console.WriteLine(md);
    }
}
