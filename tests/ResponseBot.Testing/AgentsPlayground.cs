using System.Diagnostics;

namespace ResponseBot.Testing;

/// <summary>Microsoft 365 Agents Playground (the Teams client stand-in) as a child process pointed at our bot.</summary>
public sealed class AgentsPlayground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDir;

    public Uri Url { get; }

    private AgentsPlayground(Process process, Uri url, string workDir) { _process = process; Url = url; _workDir = workDir; }

    public static async Task<AgentsPlayground> StartAsync(Uri botMessagesUrl)
    {
        var exe = Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "agentsplayground");
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Agents Playground not installed at {exe}; run ./test.sh (it installs tests/node).");
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
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var url = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"Agents Playground exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync(new Uri(url, "_internal/v1/config"))).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Agents Playground did not start within 60 s");
            await Task.Delay(200);
        }
        return new AgentsPlayground(process, url, workDir);
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
