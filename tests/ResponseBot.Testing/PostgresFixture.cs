using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResponseBot.Store;
using Xunit;

namespace ResponseBot.Testing;

/// <summary>
/// One cluster per test run. The schema is built once, by the production migration runner, into a
/// template database; each test gets its own copy (CREATE DATABASE … TEMPLATE, a few ms).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Template = "responsebot_template";
    private int _next;

    public PostgresCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync();
        await Cluster.ExecuteAsync($"create database {Template}");
        await using (var source = NpgsqlDataSource.Create(Cluster.ConnectionString(Template)))
            await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections
    }

    /// <summary>A fresh, migrated database of its own; returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _next)}_{Guid.NewGuid():N}"[..20];
        await Cluster.ExecuteAsync($"create database {name} template {Template}");
        return Cluster.ConnectionString(name);
    }

    /// <summary>An empty database with no migrations applied.</summary>
    public async Task<string> NewEmptyDatabaseAsync()
    {
        var name = $"e{Interlocked.Increment(ref _next)}_{Guid.NewGuid():N}"[..20];
        await Cluster.ExecuteAsync($"create database {name}");
        return Cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
