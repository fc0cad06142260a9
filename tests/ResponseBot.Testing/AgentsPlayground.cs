using System.Diagnostics;

namespace ResponseBot.Testing;

/// <summary>Microsoft 365 Agents Playground (the Teams client stand-in) as a child process pointed at our bot.</summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDir;

    public Uri Url { get; }

    private AgentsPlayground(Process process, Uri url, string workDir) { _process = process; Url = url; _workDir = workDir; }

    /// <summary>
    /// Starts it on a free port. A start that doesn't answer in time (its port taken between choosing and binding it, or
    /// Node slow to start on a loaded machine) is stopped and made once more on another port; what it printed is in the error.
    /// </summary>
    public static async Task<AgentsPlayground> StartAsync(Uri botMessagesUrl)
    {
        var exe = Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "agentsplayground");
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Agents Playground not installed at {exe}; run ./test.sh (it installs tests/node).");
        var printed = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync(exe, botMessagesUrl, TimeSpan.FromSeconds(45), printed) is { } started) return started;
            if (attempt == 2)
                throw new TimeoutException($"Agents Playground did not start (twice, 45 s each); it printed:\n{string.Join('\n', printed.TakeLast(30))}");
        }
    }

    private static async Task<AgentsPlayground?> TryStartAsync(string exe, Uri botMessagesUrl, TimeSpan within, List<string> printed)
    {
        var port = Ports.Free();
        // It writes logs under ./devTools: keep them out of the repo, one folder per run.
        var workDir = Directory.CreateTempSubdirectory("responsebot-playground-").FullName;
        var psi = new ProcessStartInfo(exe)
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TEAMSAPPTESTER_BROWSER"] = "none" },
        };
        foreach (var a in new[] { "-e", botMessagesUrl.ToString(), "-c", "msteams", "-p", port.ToString() }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (printed) printed.Add(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (printed) printed.Add(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var url = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (process.HasExited)
            {
                lock (printed) printed.Add($"(exited with {process.ExitCode})");
                break;
            }
            try
            {
                if ((await http.GetAsync(new Uri(url, "_internal/v1/config"))).IsSuccessStatusCode) return new AgentsPlayground(process, url, workDir);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }
        await new AgentsPlayground(process, url, workDir).DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }
}
