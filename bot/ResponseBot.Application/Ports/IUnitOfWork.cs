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

    /// <summary>
    /// Serialises "who gets this case" decisions across every instance until the transaction ends: a mention arriving
    /// while someone goes on call is either seen by the takeover or routed to the new officer, never lost between them.
    /// </summary>
    Task LockRoutingAsync(CancellationToken ct);

    Task CommitAsync(CancellationToken ct);
}
