using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MimeKit;

namespace ResponseBot.Testing;

/// <summary>
/// A real SMTP server (npm's smtp-server, tests/node/smtp-sink.mjs) in a child process on a free port; every message it accepts
/// is parsed with MimeKit. <c>./test.sh</c> installs it; a missing install fails the test, it never skips it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public sealed record Mail(string? EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string? User, MimeMessage Message)
    {
        public string Text => Message.TextBody ?? "";
    }

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    public int Port { get; private set; }
    public ConcurrentQueue<Mail> Received { get; } = new();

    private SmtpSink(Process process) => _process = process;

    public static async Task<SmtpSink> StartAsync(string? user = null, string? password = null, int failFirst = 0)
    {
        var script = Path.Combine(RepoPaths.NodeTools, "smtp-sink.mjs");
        if (!File.Exists(Path.Combine(RepoPaths.NodeTools, "node_modules", "smtp-server", "package.json")))
            throw new InvalidOperationException($"smtp-server is not installed in {RepoPaths.NodeTools}; run ./test.sh (it installs tests/node).");
        var psi = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { script, "--fail-first", failFirst.ToString() }) psi.ArgumentList.Add(a);
        if (user is not null) foreach (var a in new[] { "--user", user, "--password", password ?? "" }) psi.ArgumentList.Add(a);
        var sink = new SmtpSink(Process.Start(psi) ?? throw new InvalidOperationException("could not start node"));
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        sink._process.OutputDataReceived += (_, e) =>
        {
            if (string.IsNullOrEmpty(e.Data)) return;
            var line = JsonNode.Parse(e.Data)!.AsObject();
            if (line["port"] is { } port) { listening.TrySetResult(port.GetValue<int>()); return; }
            using var data = new MemoryStream(Encoding.UTF8.GetBytes(line["data"]!.GetValue<string>()));
            sink.Received.Enqueue(new Mail(line["from"]?.GetValue<string>(), line["to"]!.AsArray().Select(t => t!.GetValue<string>()).ToList(),
                line["user"]?.GetValue<string>(), MimeMessage.Load(data)));
        };
        sink._process.ErrorDataReceived += (_, e) => { lock (sink._stderr) sink._stderr.AppendLine(e.Data); };
        sink._process.BeginOutputReadLine();
        sink._process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        if (started != listening.Task)
        {
            await sink.DisposeAsync();
            throw new TimeoutException("smtp-sink.mjs did not start: " + sink._stderr);
        }
        sink.Port = await listening.Task;
        return sink;
    }

    public IReadOnlyList<Mail> To(string address) => Received.Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
