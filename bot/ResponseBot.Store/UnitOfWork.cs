using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Store.Repositories;

namespace ResponseBot.Store;

/// <summary>
/// A pooled connection and a transaction, with the repositories bound to them. Disposed without commit: rolled back. Opened
/// to read first (no transaction yet), each round trip is a transaction of its own until <see cref="BeginAsync"/>.
/// </summary>
internal sealed class UnitOfWork(DbConnection conn, DbTransaction? tx) : IUnitOfWork
{
    private readonly Session _s = new(conn) { Tx = tx };

    // Serialises "who gets this case" decisions across every instance sharing the database.
    private const long RoutingLockKey = 0x5265_7370_526f_7574; // "RespRout"
    private const int StormLockSpace = 0x5374_726d; // "Strm"
    private const long RouterLockKey = 0x5265_7370_5274_6572; // "RespRter"
    private const long ArrivalsLockKey = 0x5265_7370_4172_7276; // "RespArrv"

    public ICaseRepository Cases => field ??= new CaseRepository(_s);
    public ICaseCardRepository CaseCards => field ??= new CaseCardRepository(_s);
    public IOutboxRepository Outbox => field ??= new OutboxRepository(_s);
    public ITimerRepository Timers => field ??= new TimerRepository(_s);
    public IDecisionLog Log => field ??= new DecisionLog(_s);
    public IDutyRepository Duty => field ??= new DutyRepository(_s);
    public IOverrideRepository Overrides => field ??= new OverrideRepository(_s);
    public ISwapRepository Swaps => field ??= new SwapRepository(_s);
    public IStaffRepository Staff => field ??= new StaffRepository(_s);
    public ITeamChannelRepository Channels => field ??= new TeamChannelRepository(_s);
    public ICalendarFeedRepository CalendarFeeds => field ??= new CalendarFeedRepository(_s);
    public IJobRunRepository JobRuns => field ??= new JobRunRepository(_s);
    public IReportRepository Reports => field ??= new ReportRepository(_s);
    public IActivityRepository Activities => field ??= new ActivityRepository(_s);
    public ISourceRepository Sources => field ??= new SourceRepository(_s);
    public IStormRepository Storms => field ??= new StormRepository(_s);
    public IPlatformSessionRepository PlatformSessions => field ??= new PlatformSessionRepository(_s);
    public IContactRepository Contacts => field ??= new ContactRepository(_s);
    public IPageRepository Pages => field ??= new PageRepository(_s);
    public IElectionPeriodRepository Elections => field ??= new ElectionPeriodRepository(_s);
    public IAuditRepository Audit => field ??= new AuditRepository(_s);
    public IRecordsRepository Records => field ??= new RecordsRepository(_s);
    public IDownloadRepository Downloads => field ??= new DownloadRepository(_s);
    public ICaseClickReader Clicks => field ??= new CaseClickReader(_s);

    public Task LockRoutingAsync(CancellationToken ct) => _s.WaitForLockAsync("select pg_advisory_xact_lock(@RoutingLockKey)", new { RoutingLockKey }, ct);

    public Task ShareRoutingAsync(CancellationToken ct) => _s.WaitForLockAsync("select pg_advisory_xact_lock_shared(@RoutingLockKey)", new { RoutingLockKey }, ct);

    // The two-key form is a lock space of its own: no storm key can collide with the routing lock. The locks are taken in
    // the order given (a volatile call in the select list is evaluated after the sort), so never in a cycle.
    public Task LockStormsAsync(IReadOnlyList<int> keys, CancellationToken ct) =>
        _s.WaitForLockAsync("select pg_advisory_xact_lock(@StormLockSpace, k) from unnest(@keys) with ordinality as u(k, n) order by n",
            new { StormLockSpace, keys = keys.ToArray() }, ct);

    public Task LockRouterAsync(CancellationToken ct) => _s.WaitForLockAsync("select pg_advisory_xact_lock(@RouterLockKey)", new { RouterLockKey }, ct);

    public Task ShareArrivalsAsync(CancellationToken ct) => _s.WaitForLockAsync("select pg_advisory_xact_lock_shared(@ArrivalsLockKey)", new { ArrivalsLockKey }, ct);

    // Who holds a share of the arrivals now: the 64-bit key as pg_locks shows it, its high and low halves with objsubid 1.
    private const string ArrivalSharesSql = """
        select virtualtransaction from pg_locks
         where locktype = 'advisory' and granted and objsubid = 1 and classid::bigint = @hi and objid::bigint = @lo
           and database = (select oid from pg_database where datname = current_database())
        """;

    private static readonly TimeSpan ArrivalsPoll = TimeSpan.FromMilliseconds(20);

    // The transactions holding a share at the start are watched until they end, rather than queueing for the lock: a
    // waiting exclusive request would hold up every mention arriving meanwhile, and a session lock left behind by a
    // cancelled wait would hold them up for good. A transaction's virtual id is never reused for the next one.
    public async Task<bool> AwaitArrivalsAsync(TimeSpan atMost, CancellationToken ct)
    {
        var args = new DynamicParameters(new { hi = ArrivalsLockKey >> 32, lo = ArrivalsLockKey & 0xFFFF_FFFF });
        var holders = await _s.QueryAsync<string>(ArrivalSharesSql, args, ct);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (holders.Count > 0)
        {
            if (waited.Elapsed > atMost) return false;
            await Task.Delay(ArrivalsPoll, ct);
            args.Add("holders", holders.ToArray());
            holders = await _s.QueryAsync<string>(ArrivalSharesSql + " and virtualtransaction = any (@holders)", args, ct);
        }
        return true;
    }

    public void WakeRouterAfterCommit() => _s.QueuedPools.Add(OutboxLanes.RouterSignal);

    /// <summary>
    /// Commits, and wakes every instance's outbox dispatcher for the pools this unit of work queued messages in, in the same
    /// round trip: the commit, then the NOTIFY in a transaction of its own (<c>outbox_wake</c>). Inside this one, PostgreSQL
    /// would hold its one notification lock through this transaction's WAL flush, and every transaction queueing a message
    /// would commit one at a time. Once the commit has run, nothing may make the unit of work look failed: the wake-up can't
    /// fail (a notification lost costs a poll interval), and the round trip isn't cancelled once sent.
    /// </summary>
    public Task CommitAsync(CancellationToken ct) =>
        _s.Tx is null ? WakeAsync()
        : _s.QueuedPools.Count == 0 ? _s.Tx.CommitAsync(ct) : CommitInOneTripAsync("", new DynamicParameters());

    // Never begun: each statement committed as it ran, so only the wake-ups of what it queued are left to send.
    private Task WakeAsync() =>
        _s.QueuedPools.Count == 0 ? Task.CompletedTask
        : conn.ExecuteAsync(new CommandDefinition("select outbox_wake(@pools)", new { pools = _s.QueuedPools.ToArray() }));

    // The driver sends BEGIN with the next statement: beginning costs no round trip of its own.
    public async Task BeginAsync(CancellationToken ct) => _s.Tx ??= await conn.BeginTransactionAsync(ct);

    // The unit of work ends inside the statements sent (PostgreSQL's transaction status tells the driver so): the transaction
    // object is spent, and disposing it rolls nothing back. A failure before the commit leaves it to be rolled back as ever.
    private Task CommitInOneTripAsync(string before, DynamicParameters args)
    {
        var wake = _s.QueuedPools.Count > 0;
        if (wake) args.Add("pools", _s.QueuedPools.ToArray());
        return conn.ExecuteAsync(new CommandDefinition(before + (wake ? "commit;\nselect outbox_wake(@pools)" : "commit"), args, _s.Tx));
    }

    /// <summary>
    /// The notes and the commit in one round trip; the commit doesn't wait for the disk unless a message was queued for the
    /// outbox (a message sent must not be forgotten and sent again). Notes committed without waiting are sealed into the chain
    /// as they are written (<c>decision_log_append_sealed</c>), so each is written once, not written and then sealed: the
    /// chain's lock it takes is held only through a commit that doesn't wait. One that waits for the disk is sealed after.
    /// </summary>
    public Task CommitAttemptsAsync(IReadOnlyList<DecisionEntry> notes, CancellationToken ct)
    {
        if (_s.Tx is null) throw new InvalidOperationException("A unit of work read first commits its notes once it has begun.");
        if (_s.QueuedPools.Count > 0)
        {
            var (insert, args) = DecisionLog.Insert(notes);
            return CommitInOneTripAsync($"{insert};\n", new DynamicParameters(args));
        }
        return CommitInOneTripAsync($"set local synchronous_commit = off;\n{DecisionLog.AppendSealedSql};\n", new DynamicParameters(new { rows = DecisionLog.Rows(notes) }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_s.Tx is { } begun) await begun.DisposeAsync();
        await conn.DisposeAsync();
    }
}

/// <summary>Opens units of work on the data source.</summary>
public sealed class UnitOfWorkFactory(DbDataSource db) : IUnitOfWorkFactory
{
    static UnitOfWorkFactory() => Mapping.Register();

    public async Task<IUnitOfWork> ReadFirstAsync(CancellationToken ct) => new UnitOfWork(await db.OpenConnectionAsync(ct), null);

    public async Task<IUnitOfWork> BeginAsync(CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            return new UnitOfWork(conn, await conn.BeginTransactionAsync(ct));
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }
}

/// <summary>The connection and transaction every repository of a unit of work runs its SQL on.</summary>
internal sealed class Session(DbConnection conn)
{
    /// <summary>The unit of work's transaction; null until it begins (each round trip its own until then).</summary>
    public DbTransaction? Tx { get; set; }

    /// <summary>The outbox pools messages were queued in, to wake their dispatchers once committed.</summary>
    public HashSet<string> QueuedPools { get; } = [];

    public Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(sql, args, Tx, cancellationToken: ct));

    /// <summary>
    /// A statement that waits for a lock: as long as the transaction holding it lasts, not the driver's command timeout (30 s
    /// by default). A batch of routing behind a slow one, or behind a handover, is a wait, not a failure; the wait still ends
    /// on the token (the caller gone, the host stopping), with the holder's connection, or by PostgreSQL's deadlock check.
    /// </summary>
    public Task<int> WaitForLockAsync(string sql, object? args, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(sql, args, Tx, commandTimeout: 0, cancellationToken: ct));

    public Task<T?> ScalarAsync<T>(string sql, object? args, CancellationToken ct) =>
        conn.ExecuteScalarAsync<T>(new CommandDefinition(sql, args, Tx, cancellationToken: ct));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) =>
        (await conn.QueryAsync<T>(new CommandDefinition(sql, args, Tx, cancellationToken: ct))).AsList();

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, Tx, cancellationToken: ct));

    public Task<T?> FirstOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        conn.QueryFirstOrDefaultAsync<T>(new CommandDefinition(sql, args, Tx, cancellationToken: ct));

    /// <summary>Several statements sent together, one round trip, their results read in order.</summary>
    public Task<SqlMapper.GridReader> QueryMultipleAsync(string sql, object? args, CancellationToken ct) =>
        conn.QueryMultipleAsync(new CommandDefinition(sql, args, Tx, cancellationToken: ct));

    /// <summary>Rows one at a time, for reads too large to hold (the whole decision log); no command timeout.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(string sql, object? args, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in conn.QueryUnbufferedAsync<T>(sql, args, Tx, commandTimeout: 0).WithCancellation(ct)) yield return row;
    }
}
