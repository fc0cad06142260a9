using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResponseBot.Jobs.Scheduling;
using ResponseBot.Store;
using Xunit;

namespace ResponseBot.Testing;

/// <summary>
/// One cluster per test run. The schema is built once, by the production migration runner running as the owner role,
/// into a template database; each test gets its own copy (CREATE DATABASE … TEMPLATE, a few ms). As in production, the
/// bot connects as the app's role (<see cref="AsApp"/>) and migrates as the owner (<see cref="AsOwner"/>); the connection
/// strings handed to tests are the cluster's superuser's, for setting up and checking.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Template = "responsebot_template";
    public const string OwnerRole = "responsebot_owner";
    public const string AppRole = "responsebot_app";
    private int _next;

    public static string AsOwner(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Username = OwnerRole }.ConnectionString;

    public static string AsApp(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { Username = AppRole }.ConnectionString;

    public PostgresCluster Cluster { get; private set; } = null!;

    private readonly string[] _clusterSettings = [];

    public PostgresFixture() { }

    private PostgresFixture(string[] clusterSettings) => _clusterSettings = clusterSettings;

    /// <summary>A fixture of a test's own, its cluster started with more server settings ("name=value"): an extension preloaded.</summary>
    public static async Task<PostgresFixture> StartAsync(params string[] clusterSettings)
    {
        var fixture = new PostgresFixture(clusterSettings);
        await fixture.InitializeAsync();
        return fixture;
    }

    public async ValueTask InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync(settings: _clusterSettings);
        await Cluster.ExecuteAsync($"create role {OwnerRole} login; create role {AppRole} login");
        await Cluster.ExecuteAsync($"create database {Template} owner {OwnerRole}");
        var template = Cluster.ConnectionString(Template);
        var roles = new DatabaseRoles(AsApp(template), AsOwner(template));
        await using (var source = NpgsqlDataSource.Create(roles.AppConnectionString))
            await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance, roles, [new QuartzSchema()]).MigrateAsync(CancellationToken.None);
        NpgsqlConnection.ClearAllPools(); // a template must have no open connections
    }

    /// <summary>A fresh, migrated database of its own; returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _next)}_{Guid.NewGuid():N}"[..20];
        await Cluster.ExecuteAsync($"create database {name} template {Template} owner {OwnerRole}");
        return Cluster.ConnectionString(name);
    }

    /// <summary>An empty database with no migrations applied.</summary>
    public async Task<string> NewEmptyDatabaseAsync()
    {
        var name = $"e{Interlocked.Increment(ref _next)}_{Guid.NewGuid():N}"[..20];
        await Cluster.ExecuteAsync($"create database {name} owner {OwnerRole}");
        return Cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
