using NodaTime;

namespace ResponseBot.Domain.Records;

/// <summary>One case as the records export shows it: the mention, its thread, drafts, approvals, publication and every decision.</summary>
public sealed record ExportCase
{
    public long Id { get; init; }
    public string AccountId { get; init; } = "";
    public string ExternalId { get; init; } = "";
    public Instant CreatedAt { get; init; }
    public Instant ReceivedAt { get; init; }
    public string AuthorName { get; init; } = "";
    public string AuthorHandle { get; init; } = "";
    public string? AuthorUrl { get; init; }
    public string Text { get; init; } = "";
    public string? Url { get; init; }
    public string? InReplyTo { get; init; }
    public string? ParentAuthor { get; init; }
    public string? ParentText { get; init; }
    public long? ThreadCaseId { get; init; }
    public string State { get; init; } = "";
    public string Flags { get; init; } = "";
    public string Tags { get; init; } = "";
    public Instant? RespondBy { get; init; }
    public string? ClaimedBy { get; init; }
    public Instant? ClaimedAt { get; init; }
    public string? DraftText { get; init; }
    public string? DraftedBy { get; init; }
    public Instant? DraftedAt { get; init; }
    public string? ApprovedBy { get; init; }
    public Instant? ApprovedAt { get; init; }
    public string? DecidedBy { get; init; }
    public Instant? DecidedAt { get; init; }
    public string? Reason { get; init; }
    public string? ReplyText { get; init; }
    public Instant? PublishedAt { get; init; }
    public string? PlatformReplyId { get; init; }
    public string? PlatformReplyUrl { get; init; }
    public string? HoldingReplyId { get; init; }
    public string? HiddenBy { get; init; }
    public Instant? HiddenAt { get; init; }
    public long? StormId { get; init; }
    public Instant? AuthorRedactedAt { get; init; }
    public Instant? ContentRedactedAt { get; init; }
    public IReadOnlyList<ExportDecision> Decisions { get; init; } = [];
}

/// <summary>One decision_log row of an exported case.</summary>
public sealed record ExportDecision
{
    public long CaseId { get; init; }
    public long Id { get; init; }
    public long? Seq { get; init; }
    public Instant At { get; init; }
    public string ActorId { get; init; } = "";
    public string ActorName { get; init; } = "";
    public string Action { get; init; } = "";
    public string? FromState { get; init; }
    public string? ToState { get; init; }
    public string? Reason { get; init; }
    public string? TextBefore { get; init; }
    public string? TextAfter { get; init; }
    public string? Detail { get; init; }
    public int? CardVersion { get; init; }
    public bool Redacted { get; init; }
}
