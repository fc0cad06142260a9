namespace ResponseBot.Domain.Cases;

/// <summary>Something that happened to a case without anyone pressing a button: the system's side of the state machine.</summary>
public abstract record SystemEvent
{
    /// <summary>Its card reached <paramref name="StaffId"/>.</summary>
    public sealed record CardDelivered(string StaffId, string MessageId) : SystemEvent;

    /// <summary>
    /// Nobody could be reached at <paramref name="StaffId"/>; the card went on to <paramref name="To"/> (null: nobody left, and
    /// <paramref name="Tell"/>, the managers, are told in a short message so the case is never silently stuck).
    /// </summary>
    public sealed record Rerouted(string StaffId, string Reason, string? To, IReadOnlyList<string> Tell, string? Name = null) : SystemEvent;

    /// <summary>
    /// The card was refused for <paramref name="StaffId"/> even in its compact form (or the chat service kept failing), though the
    /// person may still be reachable: they and <paramref name="Tell"/> get a short text notice instead. <paramref name="Name"/> is
    /// the display name of <paramref name="StaffId"/> when known.
    /// </summary>
    public sealed record CardNotShown(string StaffId, string Reason, IReadOnlyList<string> Tell, string? Name = null) : SystemEvent;

    /// <summary>Outbox message <paramref name="OutboxId"/> is about to post the reply.</summary>
    public sealed record PublishStarted(long OutboxId) : SystemEvent;

    public sealed record Published(string? PlatformReplyId, string? PlatformReplyUrl) : SystemEvent;

    public sealed record PublishFailed(string Reason) : SystemEvent;

    /// <summary>The automatic holding reply was posted (<paramref name="Failure"/> null) or given up on.</summary>
    public sealed record HoldingReplyOutcome(string Text, string? PlatformReplyId, string? Failure) : SystemEvent;

    /// <summary>An escalation timer brought the case to <paramref name="To"/>, or ran out of rounds (<paramref name="To"/> empty).</summary>
    public sealed record TimerFired(EscalationKind Kind, int Step, IReadOnlyList<string> To) : SystemEvent;

    /// <summary>
    /// What was decided on a storm's lead, carried to a member: the statement posted to it too, or it dismissed for the same
    /// reason. <paramref name="By"/> is whoever decided on the lead.
    /// </summary>
    public sealed record StormDecided(long StormId, string? Statement, string? DismissReason, Stamp By) : SystemEvent;

    /// <summary>The author edited the mention on the platform: the case shows the new text (the first is in the decision log).</summary>
    /// <paramref name="Triage"/> is what the organisation's rules make of the new text; null: the shipped rules'.
    public sealed record MentionEdited(string Text, Triage.TriageOutcome? Triage = null) : SystemEvent;

    /// <summary>The author deleted the mention on the platform: there is nothing left to answer.</summary>
    public sealed record MentionDeleted(string PlatformName) : SystemEvent;
}
