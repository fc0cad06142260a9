using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A unit of work that records only a refused attempt commits without waiting for the disk; one that also queued a message
/// commits as surely as any other, and the relaxed setting never outlives its own transaction on the pooled connection.
/// What each transaction asked of PostgreSQL is read from pg_stat_statements, on a cluster of the test's own.
/// </summary>
public sealed class AttemptCommitTests
{
    private const string Relax = "set local synchronous_commit = off";

    [Fact]
    public async Task Only_an_attempt_that_queued_nothing_commits_without_waiting_and_the_next_unit_of_work_waits_again()
    {
        await using var cluster = await PostgresCluster.StartAsync(settings: ["shared_preload_libraries=pg_stat_statements"]);
        await cluster.ExecuteAsync("create database attempts");
        // The bot's own pool settings (connections go back unreset), with one connection: every unit of work uses the same.
        var cs = StoreRegistration.Tuned(cluster.ConnectionString("attempts") + ";Maximum Pool Size=1");
        await using var source = NpgsqlDataSource.Create(cs);
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        var db = new Db(cs);
        await db.ScalarAsync<int>("create extension pg_stat_statements; select 1");
        var factory = new UnitOfWorkFactory(source);
        var now = SystemClock.Instance.GetCurrentInstant();
        var ct = CancellationToken.None;

        async Task<long> RelaxedAsync() => await db.ScalarAsync<long>("select coalesce(sum(calls), 0)::bigint from pg_stat_statements where query = @Relax", new { Relax });
        await using (var uow = await factory.BeginAsync(ct))
        {
            await uow.Log.AppendAsync(DecisionEntry.System(null, now, DecisionActions.Refused, null, null), ct);
            await uow.CommitAttemptAsync(ct);
        }
        Assert.Equal(1, await RelaxedAsync());

        await using (var uow = await factory.BeginAsync(ct))
        {
            await uow.Log.AppendAsync(DecisionEntry.System(null, now, DecisionActions.Refused, null, null), ct);
            await uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, "aad-alex", "Someone else approved it first.", now, now, ct);
            await uow.CommitAttemptAsync(ct);
        }
        Assert.Equal(1, await RelaxedAsync());

        // Announced before the note is written, the setting travels with the note's own insert, whose id is still what the
        // insert returns; a message queued after that takes it back before the commit.
        async Task<long> RestoredAsync() => await db.ScalarAsync<long>("select coalesce(sum(calls), 0)::bigint from pg_stat_statements where query = 'set local synchronous_commit = on'");
        await using (var uow = await factory.BeginAsync(ct))
        {
            uow.ExpectAttemptOnly();
            var id = await uow.Log.AppendAsync(DecisionEntry.System(null, now, DecisionActions.Refused, null, null), ct);
            Assert.Equal(await db.ScalarAsync<long>("select max(id) from decision_log") + 1, id);
            await uow.CommitAttemptAsync(ct);
        }
        Assert.Equal(2, await RelaxedAsync());
        Assert.Equal(0, await RestoredAsync());
        await using (var uow = await factory.BeginAsync(ct))
        {
            uow.ExpectAttemptOnly();
            await uow.Log.AppendAsync(DecisionEntry.System(null, now, DecisionActions.Refused, null, null), ct);
            await uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, "aad-alex", "Someone else approved it first.", now, now, ct);
            await uow.CommitAttemptAsync(ct);
        }
        Assert.Equal(3, await RelaxedAsync());
        Assert.Equal(1, await RestoredAsync());
        // Announced but with nothing written after: the setting is sent on its own at the commit.
        await using (var uow = await factory.BeginAsync(ct))
        {
            uow.ExpectAttemptOnly();
            await uow.CommitAttemptAsync(ct);
        }
        Assert.Equal(4, await RelaxedAsync());

        // The same pooled connection, next transaction: the setting went with the transaction that set it.
        await using (var conn = await source.OpenConnectionAsync(ct))
        await using (var show = new NpgsqlCommand("show synchronous_commit", conn))
            Assert.Equal("on", (string)(await show.ExecuteScalarAsync(ct))!);
        Assert.Equal(4, await db.CountAsync("decision_log", "action = 'refused'"));
        Assert.Equal(2, await db.CountAsync("outbox", "kind = @Text", new { OutboxKinds.Text }));
    }
}
