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

    [Fact]
    public async Task A_log_row_names_a_case_that_exists_and_a_case_is_never_removed()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var caseId = await db.AddCaseAsync();
        await db.ScalarAsync<int>($"insert into decision_log (case_id, at, actor_id, actor_name, action) values ({caseId}, now(), 'a', 'A', 'test') returning 1");

        var missing = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ScalarAsync<int>($"insert into decision_log (case_id, at, actor_id, actor_name, action) values ({caseId + 1}, now(), 'a', 'A', 'test') returning 1"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, missing.SqlState);
        foreach (var sql in new[] { $"delete from cases where id = {caseId}", "truncate cases cascade" })
        {
            var removed = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>(sql));
            Assert.Contains("cases are kept", removed.MessageText);
        }
        // A temporary table of the same name doesn't stand in for the cases the check looks at.
        await using (var conn = new NpgsqlConnection(db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var fake = new NpgsqlCommand($"""
                create temporary table cases (id bigint);
                insert into cases values ({caseId + 2});
                insert into decision_log (case_id, at, actor_id, actor_name, action) values ({caseId + 2}, now(), 'a', 'A', 'test')
                """, conn);
            var faked = await Assert.ThrowsAsync<PostgresException>(() => fake.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, faked.SqlState);
        }
        Assert.Equal(1, await db.CountAsync("cases"));
        Assert.Equal(1, await db.CountAsync("decision_log", $"case_id = {caseId}"));
    }

    [Fact]
    public async Task Sealing_or_redacting_a_row_may_change_nothing_else_in_it()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await db.ScalarAsync<int>("insert into decision_log (at, actor_id, actor_name, action, text_before) values (now(), 'a', 'A', 'test', 'words') returning 1");

        // Shaped like sealing (a place given to an unsealed row), or like a redaction of a sealed one, but changing more.
        async Task RefusedAsync(string sql)
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>(sql));
            Assert.Contains("decision_log is append-only", ex.MessageText);
        }
        await RefusedAsync("update decision_log set seq = 1, row_hash = '\\x01', action = 'changed'");
        await RefusedAsync("update decision_log set seq = 1, row_hash = '\\x01', detail = '{\"x\": 1}'");
        await RefusedAsync("update decision_log set seq = 1, row_hash = '\\x01', redacted_by = 5");
        Assert.Equal(1, await db.ScalarAsync<int>("select decision_log_seal_pending(100, false)"));
        await RefusedAsync("update decision_log set text_before = null, redacted_by = 5, actor_name = 'Someone Else'");
        await RefusedAsync("update decision_log set text_before = null, redacted_by = 5, row_hash = '\\x01'");
        await RefusedAsync("update decision_log set text_before = 'other words'");

        Assert.Equal(1, await db.ScalarAsync<int>("with u as (update decision_log set text_before = null, redacted_by = 5 returning 1) select count(*)::int from u"));
        Assert.Equal(1, await db.CountAsync("decision_log", "action = 'test' and seq = 1 and text_before is null and redacted_by = 5 and detail is null"));
    }
}
