namespace ResponseBot.Application.Ports;

/// <summary>
/// One connection and one transaction, for one use case: everything it reads and writes goes through these
/// repositories, and nothing is kept unless <see cref="CommitAsync"/> is called.
/// </summary>
public interface IUnitOfWork : IAsyncDisposable
{
    ICaseRepository Cases { get; }
    ICaseCardRepository CaseCards { get; }
    IOutboxRepository Outbox { get; }
    ITimerRepository Timers { get; }
    IDecisionLog Log { get; }
    IDutyRepository Duty { get; }
    IOverrideRepository Overrides { get; }
    ISwapRepository Swaps { get; }
    IStaffRepository Staff { get; }
    ITeamChannelRepository Channels { get; }
    ICalendarFeedRepository CalendarFeeds { get; }
    IJobRunRepository JobRuns { get; }
    IReportRepository Reports { get; }
    IActivityRepository Activities { get; }
    ISourceRepository Sources { get; }
    IStormRepository Storms { get; }
    IPlatformSessionRepository PlatformSessions { get; }
    IContactRepository Contacts { get; }
    IPageRepository Pages { get; }
    IElectionPeriodRepository Elections { get; }
    IAuditRepository Audit { get; }
    IRecordsRepository Records { get; }
    IDownloadRepository Downloads { get; }
    ICaseClickReader Clicks { get; }

    /// <summary>
    /// A change of who is on duty, alone across every instance until the transaction ends: it waits for every mention
    /// being routed to commit (and so sees, and can hand over, each one), and mentions arriving meanwhile wait for it.
    /// </summary>
    Task LockRoutingAsync(CancellationToken ct);

    /// <summary>
    /// A mention being routed, until the transaction ends: any number at once, never alongside a change of who is on duty
    /// (<see cref="LockRoutingAsync"/>), so one arriving while someone goes on call is either seen by the takeover or
    /// routed to the new officer, never lost between them. Taken after <see cref="LockStormsAsync"/>, never before.
    /// </summary>
    Task ShareRoutingAsync(CancellationToken ct);

    /// <summary>
    /// Near-duplicate mentions deciding on a storm one at a time, until the transaction ends: the mention's storm keys
    /// (<c>Storms.LockKeys</c>), taken in the order given so two transactions never wait on each other.
    /// </summary>
    Task LockStormsAsync(IReadOnlyList<int> keys, CancellationToken ct);

    /// <summary>
    /// The router's turn, alone across every instance until the transaction ends: routers (and a source's mention that may
    /// join a storm, routed as it is stored) take storm keys and loose cases for many cases at once, and one at a time they
    /// can never wait on each other.
    /// </summary>
    Task LockRouterAsync(CancellationToken ct);

    /// <summary>
    /// Mentions being stored, until the transaction ends: any number at once. Their arrival time is read after this, so
    /// <see cref="AwaitArrivalsAsync"/> can tell when every arrival timed before a given moment has committed.
    /// </summary>
    Task ShareArrivalsAsync(CancellationToken ct);

    /// <summary>
    /// Waits for every unit of work holding a share of the arrivals (<see cref="ShareArrivalsAsync"/>) when it is called to
    /// end, taking no lock itself, so mentions keep arriving meanwhile: once it returns true, every mention timed before it
    /// was called (by a clock in step with the caller's) is committed or never will be, and seen by the next statement;
    /// any still to be stored is timed after it. False: some were still open after <paramref name="atMost"/>.
    /// </summary>
    Task<bool> AwaitArrivalsAsync(TimeSpan atMost, CancellationToken ct);

    /// <summary>Once committed, wakes the router on every instance: cases were stored for it to route.</summary>
    void WakeRouterAfterCommit();

    /// <summary>Commits; a unit of work read first (<see cref="IUnitOfWorkFactory.ReadFirstAsync"/>) that never began has nothing to commit.</summary>
    Task CommitAsync(CancellationToken ct);

    /// <summary>Begins the transaction of a unit of work read first, before anything that must be written together; no round trip of its own.</summary>
    Task BeginAsync(CancellationToken ct);

    /// <summary>
    /// Commits a unit of work that records only attempts which changed nothing (clicks refused because the case had moved
    /// on), with their notes (at least one), in one round trip and without waiting for the disk. A database crash in the
    /// moment after can lose those notes (with the rest of the transaction, such as the record of the click as handled),
    /// never a change, and a retry of the same click is decided again. Anything queued for the outbox makes it an ordinary
    /// commit: a message sent must not be forgotten and sent again. A unit of work read first must have begun.
    /// </summary>
    Task CommitAttemptsAsync(IReadOnlyList<Domain.Cases.DecisionEntry> notes, CancellationToken ct);
}
