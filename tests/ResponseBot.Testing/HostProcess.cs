using System.Collections.Concurrent;
using System.Diagnostics;

namespace ResponseBot.Testing;

/// <summary>
/// The real host as a process of its own (<c>dotnet ResponseBot.Host.dll</c>), configured through environment variables
/// as an operator would, for what an in-process host can't show: several instances, a SIGKILL, a SIGTERM, memory.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    public Uri BaseUrl { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public IEnumerable<string> Output => _output;

    private HostProcess(Process process, Uri baseUrl)
    {
        (_process, BaseUrl) = (process, baseUrl);
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <param name="settings">Configuration keys (<c>Outbox:PollInterval</c>), passed as environment variables.</param>
    /// <param name="cpus">Pins the process to these cores (<c>taskset -c</c>), for measurements.</param>
    public static async Task<HostProcess> StartAsync(IDictionary<string, string?> settings, string? cpus = null, TimeSpan? readyWithin = null)
    {
        var port = Ports.Free();
        var dll = HostDll();
        var psi = cpus is null ? new ProcessStartInfo("dotnet") : new ProcessStartInfo("taskset");
        if (cpus is not null) { psi.ArgumentList.Add("-c"); psi.ArgumentList.Add(cpus); psi.ArgumentList.Add("dotnet"); }
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = Path.GetDirectoryName(dll)!;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // As the operator's guide starts it ("Running the bot"): the runtime reads this from the environment only.
        psi.Environment["DOTNET_GCgen0size"] = "0x2000000";
        foreach (var (key, value) in settings) psi.Environment[key.Replace(":", "__")] = value ?? "";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the host");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) host._output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) host._output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"the host exited ({process.ExitCode}):\n{string.Join('\n', host._output)}");
                try { return (await host.Http.GetAsync("readyz")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, "the host ready", readyWithin ?? TimeSpan.FromSeconds(60), pollEvery: TimeSpan.FromMilliseconds(100));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>The host built beside these tests, in the same configuration.</summary>
    private static string HostDll()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ResponseBot.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("ResponseBot.sln not found above " + here);
        var dll = Path.Combine(dir.FullName, "bot", "ResponseBot.Host", "bin", configuration, "net10.0", "ResponseBot.Host.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not built");
    }

    /// <summary>The most memory the process has held (VmHWM), in MB.</summary>
    public double PeakRssMb()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>Killed outright (SIGKILL): no shutdown, no chance to give anything back.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Asked to stop (SIGTERM), as an orchestrator does; returns how long it took to exit.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan? wait = null)
    {
        var sw = Stopwatch.StartNew();
        if (_process.HasExited) return TimeSpan.Zero;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); throw new TimeoutException($"the host did not stop within {wait}"); }
        return sw.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { /* never started */ }
        Http.Dispose();
        _process.Dispose();
    }
}
