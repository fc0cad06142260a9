using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

public sealed class MigrationTests(PostgresFixture pg)
{
    [Fact]
    public async Task Three_instances_migrating_at_once_apply_each_migration_exactly_once()
    {
        var connectionString = await pg.NewEmptyDatabaseAsync();
        var runners = Enumerable.Range(0, 3).Select(_ => new MigrationRunner(NpgsqlDataSource.Create(connectionString), NullLogger<MigrationRunner>.Instance)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => r.MigrateAsync(CancellationToken.None)));

        var expected = MigrationRunner.Embedded().Count;
        Assert.Equal(expected, applied.Sum());
        var db = new Db(connectionString);
        Assert.Equal(expected, await db.CountAsync("schema_migrations"));
        Assert.True(await runners[0].IsUpToDateAsync(CancellationToken.None));
        Assert.Equal(0, await runners[1].MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps_from_1()
    {
        var versions = MigrationRunner.Embedded().Select(m => m.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public async Task The_decision_log_refuses_updates_deletes_and_truncation()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await db.ScalarAsync<int>("insert into decision_log (at, actor_id, actor_name, action) values (now(), 'a', 'A', 'test') returning 1");

        foreach (var sql in new[] { "update decision_log set action = 'changed'", "delete from decision_log", "truncate decision_log" })
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>(sql));
            Assert.Contains("decision_log is append-only", ex.MessageText);
        }
        Assert.Equal(1, await db.CountAsync("decision_log", "action = 'test'"));
    }
}
