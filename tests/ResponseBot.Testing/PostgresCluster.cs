using Npgsql;

namespace ResponseBot.Testing;

/// <summary>
/// A private, throwaway PostgreSQL 15 cluster: initdb into a temp folder, a free port on 127.0.0.1.
/// If the binaries are missing this throws, so the run fails instead of silently skipping.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;

    public int Port { get; }

    private readonly bool _durable;

    private readonly string[] _settings;
    private readonly string? _cpus;

    private PostgresCluster(string dir, int port, bool durable, string? cpus, string[] settings)
    {
        _dir = dir; Port = port; _durable = durable; _cpus = cpus; _settings = settings;
    }

    /// <param name="durable">fsync on, as in production: for measurements. Tests leave it off.</param>
    /// <param name="cpus">The cores the server runs on (<c>taskset -c</c>), for measurements; null: the caller's.</param>
    /// <param name="settings">More server settings, each "name=value".</param>
    public static async Task<PostgresCluster> StartAsync(bool durable = false, string? cpus = null, params string[] settings)
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 binaries not found in {Bin}; the tests need a real database.");
        var dir = Directory.CreateTempSubdirectory("responsebot-test-pg-").FullName;
        if (Environment.UserName == "root")
            await Proc.RunAsync("chown", ["postgres:postgres", dir]);
        await Proc.RunAsPostgresAsync(Path.Combine(Bin, "initdb"), "-D", dir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        var port = Ports.Free();
        // fsync off: a test cluster trades durability for speed; nothing here outlives the run. Every test has its own database
        // and pools, several run at once, and a storm test alone holds dozens of connections: room for all of them.
        var cluster = new PostgresCluster(dir, port, durable, cpus, settings);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Stops the server as an outage would (fast shutdown: sessions are cut).</summary>
    public Task StopAsync() => Proc.RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", _dir, "-m", "fast", "-w", "stop");

    /// <summary>Starts the server (again), on the same port and data.</summary>
    public Task StartAgainAsync()
    {
        string[] start = [Path.Combine(Bin, "pg_ctl"), "-D", _dir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "30",
            "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync={(_durable ? "on" : "off")} -c max_connections=1000{string.Concat(_settings.Select(x => " -c " + x))}", "start"];
        return _cpus is null ? Proc.RunAsPostgresAsync(start[0], start[1..]) : Proc.RunAsPostgresAsync("taskset", ["-c", _cpus, .. start]);
    }

    // Idle connections close after seconds, not Npgsql's five minutes: a finished test's pools would otherwise keep theirs open
    // for the rest of the run.
    /// <summary>
    /// The same, over the server's Unix socket rather than TCP: how a bot on the database's own machine connects (the
    /// benchmark's), each round trip costing both sides less in the kernel than loopback TCP.
    /// </summary>
    public string SocketConnectionString(string database) => ConnectionString(database).Replace("Host=127.0.0.1", "Host=" + _dir);

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Connection Idle Lifetime=10;Connection Pruning Interval=5";

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var conn = new NpgsqlConnection(ConnectionString(database));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await Proc.RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", _dir, "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
