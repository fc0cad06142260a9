using NodaTime;
namespace ResponseBot.Domain.Cases;

/// <summary>Someone who did something to a case, and when.</summary>
public sealed record Stamp(string Id, string Name, Instant At);

/// <summary>A mention and everything decided about it so far. Immutable: a transition makes a new one.</summary>
public sealed record CaseRecord
{
    public required long Id { get; init; }
    public required Mention Mention { get; init; }
    public required Instant ReceivedAt { get; init; }
    public required CaseState State { get; init; }
    public required int Version { get; init; }
    public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>The organisation's own labels the triage rules gave it (bins, highways, asb).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The language it is written in, for the replies it is offered: "cy" (Welsh) or "en".</summary>
    public string Language { get; init; } = Triage.Languages.English;
    /// <summary>The saved reply a triage rule suggested when it arrived; the card offers it instead of the account's default.</summary>
    public string? SuggestedTemplate { get; init; }
    public Instant? RespondBy { get; init; }

    /// <summary>The reply as its author wrote (or accepted) it.</summary>
    public string? DraftText { get; init; }
    public Stamp? Drafted { get; init; }
    /// <summary>The text that is (or will be) posted: the draft, or a manager's edit of it.</summary>
    public string? ReplyText { get; init; }
    public Stamp? Approved { get; init; }
    /// <summary>Whose action last moved the case on (sent it, dismissed it, escalated it...).</summary>
    public Stamp? Decided { get; init; }
    /// <summary>The reason given for the last escalation, dismissal or rejection.</summary>
    public string? Reason { get; init; }
    public Stamp? Claimed { get; init; }
    /// <summary>Who said "I'm on it", and when: the acknowledge escalation stopped there.</summary>
    public Stamp? Acknowledged { get; init; }
    /// <summary>Who last snoozed the case; its timers wait until <see cref="SnoozedUntil"/>.</summary>
    public Stamp? Snoozed { get; init; }
    public Instant? SnoozedUntil { get; init; }
    public Instant? ScheduledFor { get; init; }
    /// <summary>Where an undo returns the case to.</summary>
    public CaseState? ReopenState { get; init; }
    public Instant? PublishedAt { get; init; }
    public string? PlatformReplyId { get; init; }
    public string? PlatformReplyUrl { get; init; }
    public string? FailureReason { get; init; }
    /// <summary>The outbox message that owns posting the reply: only it may post, so a reply is never posted twice.</summary>
    public long? PublishOutboxId { get; init; }
    /// <summary>The platform's id for the automatic holding reply, once posted.</summary>
    public string? HoldingReplyId { get; init; }
    /// <summary>Who hid the mention on the platform, when, and why; null when it is visible.</summary>
    public Stamp? Hidden { get; init; }
    public string? HiddenReason { get; init; }
    /// <summary>When the author last edited the mention on the platform (the case shows the edited text).</summary>
    public Instant? EditedAt { get; init; }
    /// <summary>When the author deleted the mention on the platform: there is nothing left to reply to.</summary>
    public Instant? DeletedAt { get; init; }
    /// <summary>The first case of the conversation with this person that this case continues; null when it starts one.</summary>
    public long? ThreadCaseId { get; init; }
    /// <summary>The storm of near-duplicates this case is part of, if any.</summary>
    public long? StormId { get; init; }
    /// <summary>This case leads its storm: its card is the storm's, and what is decided on it goes to every member.</summary>
    public bool LeadsStorm { get; init; }
}
