using System.Diagnostics;

namespace ResponseBot.Testing;

/// <summary>Runs a command to completion and fails loudly, with its output, when it fails.</summary>
public static class Proc
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null, IDictionary<string, string>? env = null)
    {
        var r = await RunToExitAsync(file, args, workingDirectory, timeout, env);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {r.ExitCode}:\n{r.StdOut}\n{r.StdErr}");
        return r.StdOut;
    }

    /// <summary>Runs a command to completion whatever its exit code, for tests of how a tool fails.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(string file, IEnumerable<string> args, string? workingDirectory = null, TimeSpan? timeout = null, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} timed out");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Postgres refuses root; as root we run its tools as the postgres user.</summary>
    public static Task<string> RunAsPostgresAsync(string file, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args])
            : RunAsync(file, args);
}
