using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A unit of work ends in one round trip with what goes with its commit: a refused attempt's note (committed without waiting
/// for the disk unless a message was queued too) and the outbox's wake-up. Each is kept, or nothing is; the relaxed setting
/// never outlives its own transaction on the pooled connection, which is ready for the next unit of work. What each
/// transaction asked of PostgreSQL is read from pg_stat_statements, on a cluster of the test's own.
/// </summary>
public sealed class AttemptCommitTests
{
    private const string Relax = "set local synchronous_commit = off";

    [Fact]
    public async Task A_note_and_a_wake_up_go_with_the_commit_and_only_an_attempt_that_queued_nothing_skips_the_disk()
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
        var refused = DecisionEntry.System(null, now, DecisionActions.Refused, null, null);
        var (pool, _) = OutboxLanes.For(OutboxKinds.Text, null, "aad-alex");

        // Every dispatcher listens; this listener stands in for them.
        await using var listener = new NpgsqlConnection(cluster.ConnectionString("attempts"));
        await listener.OpenAsync(ct);
        var woken = new List<string>();
        listener.Notification += (_, e) => { lock (woken) woken.Add(e.Payload); };
        await using (var listen = new NpgsqlCommand("listen outbox", listener)) await listen.ExecuteNonQueryAsync(ct);
        async Task<List<string>> WokenAsync()
        {
            while (await listener.WaitAsync(TimeSpan.FromMilliseconds(300), ct)) { }
            lock (woken) { var seen = woken.ToList(); woken.Clear(); return seen; }
        }

        async Task<long> RelaxedAsync() => await db.ScalarAsync<long>("select coalesce(sum(calls), 0)::bigint from pg_stat_statements where query = @Relax", new { Relax });
        await using (var uow = await factory.BeginAsync(ct))
            await uow.CommitAttemptsAsync([refused], ct);
        Assert.Equal(1, await RelaxedAsync());
        Assert.Equal(1, await db.CountAsync("decision_log", "action = 'refused'"));
        Assert.Empty(await WokenAsync());

        // A message queued too: the note is kept as surely as the message, which wakes the dispatchers.
        await using (var uow = await factory.BeginAsync(ct))
        {
            await uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, "aad-alex", "Someone else approved it first.", now, now, ct);
            await uow.CommitAttemptsAsync([refused], ct);
        }
        Assert.Equal(1, await RelaxedAsync());
        Assert.Equal(2, await db.CountAsync("decision_log", "action = 'refused'"));
        Assert.Equal([pool], await WokenAsync());

        // An ordinary commit wakes them too, once per pool.
        await using (var uow = await factory.BeginAsync(ct))
        {
            await uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, "aad-alex", "One.", now, now, ct);
            await uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, "aad-alex", "Two.", now, now, ct);
            await uow.CommitAsync(ct);
        }
        Assert.Equal([pool], await WokenAsync());
        Assert.Equal(3, await db.CountAsync("outbox", "kind = @Text", new { OutboxKinds.Text }));

        // A note the database refuses (no such case): the commit never runs, so nothing of the unit of work is kept and
        // nobody is woken; the connection goes back rolled back, ready for the next.
        await using (var uow = await factory.BeginAsync(ct))
        {
            await uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, "aad-alex", "Never sent.", now, now, ct);
            await Assert.ThrowsAsync<PostgresException>(() => uow.CommitAttemptsAsync([refused with { CaseId = 999_999 }], ct));
        }
        Assert.Equal(3, await db.CountAsync("outbox", "kind = @Text", new { OutboxKinds.Text }));
        Assert.Empty(await WokenAsync());

        // The same pooled connection, next transaction: the setting went with the transaction that set it.
        await using (var conn = await source.OpenConnectionAsync(ct))
        await using (var show = new NpgsqlCommand("show synchronous_commit", conn))
            Assert.Equal("on", (string)(await show.ExecuteScalarAsync(ct))!);
        await using (var uow = await factory.BeginAsync(ct))
            await uow.CommitAttemptsAsync([refused], ct);
        Assert.Equal(3, await db.CountAsync("decision_log", "action = 'refused'"));
        Assert.Equal(2, await RelaxedAsync()); // the refused note never reached its setting
    }
}
