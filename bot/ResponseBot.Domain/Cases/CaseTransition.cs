using NodaTime;
namespace ResponseBot.Domain.Cases;

public enum RefusalReason
{
    NotAllowed,
    NotOnCall,
    AlreadyHandled,
    StaleCard,
    EmptyReply,
    TooLong,
    ReasonRequired,
    SelfApproval,
    NoManager,
    TooLate,
}

/// <summary>Something that has to happen because of a transition, written to the outbox with it.</summary>
public abstract record CaseEffect
{
    public sealed record PublishAt(Instant Due) : CaseEffect;
    public sealed record CancelPublish : CaseEffect;
    /// <summary>Post the case's card to these people (managers asked to approve, or escalated to).</summary>
    public sealed record CardTo(IReadOnlyList<string> StaffIds) : CaseEffect;
    public sealed record TextTo(string StaffId, string Text) : CaseEffect;
    /// <summary>Start (or restart) an escalation timer: if still waiting at <paramref name="Due"/>, the next person is asked.</summary>
    public sealed record EscalateIfIdle(EscalationKind Kind, Instant Due) : CaseEffect;
    /// <summary>Someone acted for this kind of timer (e.g. "I'm on it" for the acknowledge timer): it stops.</summary>
    public sealed record StopTimer(EscalationKind Kind, string Outcome) : CaseEffect;
    /// <summary>The case's open acknowledge and respond-by timers fire no earlier than <paramref name="Until"/>.</summary>
    public sealed record DelayTimers(Instant Until) : CaseEffect;
    /// <summary>Post the automatic holding reply (nobody can answer now) under the case's own idempotency key.</summary>
    public sealed record PostHoldingReply(string Text) : CaseEffect;
    /// <summary>Hide (or show again) the mention on the platform, as the account.</summary>
    public sealed record Moderate(bool Hidden, string StaffId) : CaseEffect;
    /// <summary>
    /// The storm this case leads was decided (a statement for all, or all dismissed; both null: undone): recorded on the storm
    /// and carried to every other member from <paramref name="Due"/> (the lead's own undo window).
    /// </summary>
    public sealed record StormDecided(long StormId, string? Statement, string? DismissReason, Stamp By, Instant Due) : CaseEffect;
}

/// <summary>What the decision log records for a transition.</summary>
public sealed record CaseLogEntry(string Action, string? TextBefore = null, string? TextAfter = null, string? Reason = null, string? Detail = null);

public abstract record CaseOutcome
{
    public sealed record Transition(CaseRecord After, CaseLogEntry Log, IReadOnlyList<CaseEffect> Effects) : CaseOutcome
    {
        /// <summary>Every posted copy of the card is out of date afterwards and is brought up to date.</summary>
        public bool RefreshCards { get; init; } = true;
    }

    public sealed record Refusal(RefusalReason Reason, string Message) : CaseOutcome
    {
        /// <summary>
        /// Refused for who is asking rather than for the state of the case or what was typed: a matter of who may act,
        /// answered with the message alone and kept in the record as surely as a change.
        /// </summary>
        public bool AboutTheActor => Reason is RefusalReason.NotOnCall or RefusalReason.NotAllowed or RefusalReason.SelfApproval or RefusalReason.NoManager;
    }

    /// <summary>Carry on with the case as it is: nothing to change or record (a retried publish that already owns the case).</summary>
    public sealed record Unchanged(CaseRecord Case) : CaseOutcome;
}
