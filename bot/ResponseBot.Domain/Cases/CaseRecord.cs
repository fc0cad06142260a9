namespace ResponseBot.Domain.Cases;

/// <summary>A mention and everything decided about it so far.</summary>
public sealed record CaseRecord
{
    public required long Id { get; init; }
    public required Mention Mention { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required CaseState State { get; init; }
    public required int Version { get; init; }
    public string? ReplyText { get; init; }
    public string? DecidedById { get; init; }
    public string? DecidedByName { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? PlatformReplyId { get; init; }
    public string? FailureReason { get; init; }
}
