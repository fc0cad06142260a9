using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Reports;

/// <summary>
/// One case as the reports see it: when it came in and for which account, how urgent triage found it, what happened to it
/// and who did it. Nothing the member of the public wrote.
/// </summary>
public sealed record DigestCase(long Id, Instant ReceivedAt, CaseState State, Instant? PublishedAt, Instant? RespondBy, int TimerEscalations)
{
    public string AccountId { get; init; } = "";
    public ReportPriority Priority { get; init; } = ReportPriority.Normal;
    /// <summary>How often a person escalated it to the managers.</summary>
    public int Escalations { get; init; }
    /// <summary>Who wrote the reply that was posted; who (as a manager) approved a reply; who decided no reply was needed.</summary>
    public StaffRef? RepliedBy { get; init; }
    public StaffRef? ApprovedBy { get; init; }
    public StaffRef? DismissedBy { get; init; }
}

/// <summary>A member of staff as the case recorded them when they acted.</summary>
public sealed record StaffRef(string Id, string Name);

/// <summary>How urgent triage found a mention: emergencies apart from other urgent ones, because they page at once.</summary>
public enum ReportPriority { Emergency, Urgent, Normal }
