using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store;

/// <summary>
/// Applies the numbered, forward-only .sql files embedded in this assembly. Holds a session advisory
/// lock so several instances starting together migrate exactly once; each file runs in its own
/// transaction together with its bookkeeping row. With separate roles (<see cref="DatabaseRoles"/>) it runs as the owner,
/// then has the owner create the scheduler's tables and grant the app's role its privileges, under the same lock.
/// </summary>
public sealed partial class MigrationRunner(System.Data.Common.DbDataSource dataSource, ILogger<MigrationRunner> logger,
    DatabaseRoles? roles = null, IEnumerable<IOwnedSchema>? owned = null)
{
    // Arbitrary but fixed: every instance must contend for the same lock.
    private const long LockKey = 0x5265_7370_4d69_6772; // "RespMigr"

    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Select(resource => (resource, match: FileName().Match(resource)))
            .Where(x => x.match.Success)
            .Select(x => new Migration(int.Parse(x.match.Groups["v"].Value), x.match.Groups["name"].Value, Read(assembly, x.resource)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public async Task<int> MigrateAsync(CancellationToken ct)
    {
        var asOwner = roles is { OwnerConnectionString: not null };
        await using var conn = asOwner ? new NpgsqlConnection(roles!.OwnerConnectionString) : await dataSource.OpenConnectionAsync(ct);
        if (asOwner) await conn.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            // Checked first: an app role without the owner's rights may not even run CREATE … IF NOT EXISTS.
            if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select to_regclass('schema_migrations') is not null", cancellationToken: ct)))
                await conn.ExecuteAsync(new CommandDefinition("""
                create table if not exists schema_migrations (
                    version    integer primary key,
                    name       text        not null,
                    applied_at timestamptz not null default now())
                """, cancellationToken: ct));
            var applied = (await conn.QueryAsync<int>(new CommandDefinition("select version from schema_migrations", cancellationToken: ct))).ToHashSet();
            var count = 0;
            foreach (var migration in Embedded().Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await conn.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(
                    "insert into schema_migrations (version, name) values (@Version, @Name)",
                    new { migration.Version, migration.Name }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
                count++;
            }
            if (asOwner)
            {
                foreach (var schema in owned ?? [])
                    if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select to_regclass(@table) is not null", new { table = schema.ProbeTable }, cancellationToken: ct)))
                        await schema.ProvisionAsync(roles!.OwnerConnectionString!, ct);
                await roles!.GrantAsync(conn, ct);
            }
            return count;
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
            // Connections go back to the pool unreset, and a migration may leave settings behind: this one is not reused.
            if (!asOwner && conn is NpgsqlConnection pooled) NpgsqlConnection.ClearPool(pooled);
        }
    }

    /// <summary>True when the role the app connects as owns decision_log, and so could change or remove its rows and triggers.</summary>
    public async Task<bool> AppOwnsDecisionLogAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select coalesce((select pg_get_userbyid(relowner) = current_user from pg_class where oid = to_regclass('decision_log')), false)", cancellationToken: ct));
    }

    /// <summary>True when every embedded migration has been applied (readiness).</summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select to_regclass('schema_migrations') is not null", cancellationToken: ct));
        if (!exists) return false;
        var latest = await conn.ExecuteScalarAsync<int?>(new CommandDefinition("select max(version) from schema_migrations", cancellationToken: ct));
        return latest >= Embedded().Max(m => m.Version);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"Migrations\.(?<v>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
