namespace ResponseBot.Domain.Cases;

/// <summary>
/// What a member of staff asked to do with a case, from a card button. <see cref="SeenVersion"/> is
/// the case version the card showed (null when unknown): acting on an out-of-date card is refused.
/// </summary>
public abstract record CaseCommand(long CaseId, int? SeenVersion)
{
    public sealed record Approve(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
    public sealed record SendEdited(long CaseId, int? SeenVersion, string Text) : CaseCommand(CaseId, SeenVersion);
    public sealed record Escalate(long CaseId, int? SeenVersion, string Reason) : CaseCommand(CaseId, SeenVersion);
    public sealed record Dismiss(long CaseId, int? SeenVersion, string Reason) : CaseCommand(CaseId, SeenVersion);
    public sealed record Claim(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
    public sealed record ManagerApprove(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
    public sealed record ManagerEditApprove(long CaseId, int? SeenVersion, string Text) : CaseCommand(CaseId, SeenVersion);
    public sealed record Reject(long CaseId, int? SeenVersion, string Reason) : CaseCommand(CaseId, SeenVersion);
    public sealed record Undo(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
    public sealed record Retry(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
    /// <summary>"I'm on it": the acknowledge escalation stops and a respond-by timer starts.</summary>
    public sealed record Acknowledge(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
    /// <summary>Not now: the case's timers wait <paramref name="Minutes"/> more.</summary>
    public sealed record Snooze(long CaseId, int? SeenVersion, int Minutes) : CaseCommand(CaseId, SeenVersion);
    /// <summary>Hide the mention on the platform (abuse, personal data), with a reason; the text is kept as evidence.</summary>
    public sealed record Hide(long CaseId, int? SeenVersion, string Reason) : CaseCommand(CaseId, SeenVersion);
    public sealed record Unhide(long CaseId, int? SeenVersion) : CaseCommand(CaseId, SeenVersion);
}
