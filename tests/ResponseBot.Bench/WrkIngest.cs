using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ResponseBot.Platforms.Generic;
using ResponseBot.Testing;

namespace ResponseBot.Bench;

/// <summary>
/// Signed-webhook load from wrk (ingest.lua) beside PostgreSQL on core 1: every mention signed beforehand, so what the load
/// costs that core while it runs is wrk's sending and reading, not the benchmark's own HTTP client, JSON and HMAC, which
/// took about an eighth of the core from the database it shares it with.
/// </summary>
public static class WrkIngest
{
    // More mentions than the host could take in the time: past the last, wrk's requests are refused and the run fails.
    private const int MostPerSecond = 6000;

    public static async Task<Run> RunAsync(Uri baseUrl, TimeSpan duration, int concurrency, string prefix)
    {
        var file = Path.Combine(Path.GetTempPath(), $"responsebot-ingest-{prefix}-{Environment.ProcessId}.tsv");
        try
        {
            await WriteSignedAsync(file, prefix, (int)(duration.TotalSeconds * MostPerSecond));
            var psi = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["-t1", $"-c{concurrency}", $"-d{(int)duration.TotalSeconds}s", "--timeout", "10s", "--latency",
                         "-s", Path.Combine(AppContext.BaseDirectory, "ingest.lua"), new Uri(baseUrl, "api/webhooks/generic").ToString(),
                         "--", file, WebhookSignature.TimestampHeader, WebhookSignature.SignatureHeader])
                psi.ArgumentList.Add(a);
            using var wrk = Process.Start(psi)!;
            var output = wrk.StandardOutput.ReadToEndAsync();
            var errors = wrk.StandardError.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            var result = (await output).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk gave no result ({wrk.ExitCode}): {await errors}");
            using var doc = JsonDocument.Parse(result["RESULT ".Length..]);
            var r = doc.RootElement;
            double Get(string name) => r.GetProperty(name).GetDouble();
            var failed = Get("err_connect") + Get("err_read") + Get("err_write") + Get("err_status") + Get("err_timeout");
            // Anything but an acknowledgement — a refusal, a timeout, a mention past the last signed — makes the figure worthless.
            if (failed > 0) throw new InvalidOperationException($"ingest through wrk had {failed} failed requests: {result}");
            return new Run((int)Get("requests"), TimeSpan.FromSeconds(Get("duration_s")), Get("p50_ms"), Get("p90_ms"), Get("p99_ms"), Get("max_ms"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task WriteSignedAsync(string file, string prefix, int count)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var w = new StreamWriter(file, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        for (var i = 0; i < count; i++)
        {
            var id = $"{prefix}-{i}";
            // One line each: the body's JSON holds no raw tab or newline (the serializer escapes them).
            var body = Encoding.UTF8.GetBytes(SignedWebhook.Mention(id, Texts.Unlike(id), handle: Load.Resident(id)).ToJsonString());
            await w.WriteAsync($"{ts}\t{WebhookSignature.Sign(BotHost.Secret, ts, body)}\t");
            await w.WriteLineAsync(Encoding.UTF8.GetString(body));
        }
    }
}
