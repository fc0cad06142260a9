using Npgsql;
using ResponseBot.Application.Ports;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A unit of work waiting for one of the bot's locks (the router's turn, who is on duty, a storm's keys) waits as long as
/// the transaction holding it lasts, however long the driver's command timeout is; and stops waiting when its caller goes.
/// The data source here times statements out after one second: the waits are longer.
/// </summary>
public sealed class LockWaitTests(PostgresFixture pg)
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task An_instance_frozen_inside_a_unit_of_work_loses_what_it_holds_to_the_others()
    {
        var cs = PostgresFixture.AsApp(await pg.NewDatabaseAsync());
        var ct = CancellationToken.None;
        // The pool's connections end a transaction idle for a minute; an operator's own setting is kept (a second, here).
        await using (var tuned = NpgsqlDataSource.Create(StoreRegistration.Tuned(cs)))
        await using (var show = tuned.CreateCommand("show idle_in_transaction_session_timeout"))
            Assert.Equal("1min", await show.ExecuteScalarAsync());
        await using var frozenPool = NpgsqlDataSource.Create(StoreRegistration.Tuned(cs + ";Options=-c idle_in_transaction_session_timeout=1000"));
        await using var livingPool = NpgsqlDataSource.Create(StoreRegistration.Tuned(cs));

        // One instance takes the router's turn and then does nothing more: paused, or cut off with its connection still open.
        var frozen = await new UnitOfWorkFactory(frozenPool).BeginAsync(ct);
        await frozen.LockRouterAsync(ct);
        await using var living = await new UnitOfWorkFactory(livingPool).BeginAsync(ct);
        var waiting = living.LockRouterAsync(ct);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        // Another instance's router gets its turn once PostgreSQL has ended the frozen one's transaction.
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await living.CommitAsync(ct);
        // Waking, the frozen instance finds its unit of work gone: nothing it wrote is committed.
        await Assert.ThrowsAnyAsync<Exception>(() => frozen.CommitAsync(ct));
        await frozen.DisposeAsync();
    }

    [Fact]
    public async Task Lock_waits_outlast_the_command_timeout_and_end_when_the_holder_commits()
    {
        await using var source = NpgsqlDataSource.Create(PostgresFixture.AsApp(await pg.NewDatabaseAsync()) + ";Command Timeout=1");
        var db = new UnitOfWorkFactory(source);
        var ct = CancellationToken.None;
        await using var holder = await db.BeginAsync(ct);
        await holder.LockRouterAsync(ct);
        await holder.LockRoutingAsync(ct);
        await holder.LockStormsAsync([7, 11], ct);

        async Task<string> WaitAsync(string what, Func<IUnitOfWork, Task> take)
        {
            await using var uow = await db.BeginAsync(ct);
            await take(uow);
            await uow.CommitAsync(ct);
            return what;
        }
        var waits = new[]
        {
            WaitAsync("router", u => u.LockRouterAsync(ct)),
            WaitAsync("duty, shared", u => u.ShareRoutingAsync(ct)),
            WaitAsync("duty", u => u.LockRoutingAsync(ct)),
            WaitAsync("storm", u => u.LockStormsAsync([11], ct)),
        };
        await Task.Delay(Held);
        // Still waiting, not failed: a timed-out statement would have ended its task a second and a half ago.
        Assert.All(waits, w => Assert.False(w.IsCompleted, $"{(w.IsFaulted ? w.Exception!.InnerException!.Message : "completed")}"));

        await holder.CommitAsync(ct);
        var done = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["router", "duty, shared", "duty", "storm"], done);
    }

    [Fact]
    public async Task A_lock_wait_ends_when_its_caller_gives_up()
    {
        await using var source = NpgsqlDataSource.Create(PostgresFixture.AsApp(await pg.NewDatabaseAsync()) + ";Command Timeout=1");
        var db = new UnitOfWorkFactory(source);
        await using var holder = await db.BeginAsync(CancellationToken.None);
        await holder.LockRouterAsync(CancellationToken.None);

        await using var uow = await db.BeginAsync(CancellationToken.None);
        using var gone = new CancellationTokenSource(Held);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => uow.LockRouterAsync(gone.Token));
        Assert.InRange(waited.Elapsed, Held - TimeSpan.FromMilliseconds(100), Held + TimeSpan.FromSeconds(5));
    }
}
