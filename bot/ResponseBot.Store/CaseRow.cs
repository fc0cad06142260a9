using ResponseBot.Domain.Cases;

namespace ResponseBot.Store;

/// <summary>The flat shape of a cases row, as Dapper reads it.</summary>
internal sealed class CaseRow
{
    public long Id { get; init; }
    public string AccountId { get; init; } = "";
    public string ExternalId { get; init; } = "";
    public string AuthorHandle { get; init; } = "";
    public string AuthorName { get; init; } = "";
    public string? AuthorUrl { get; init; }
    public string Text { get; init; } = "";
    public string? Url { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? InReplyTo { get; init; }
    public DateTime ReceivedAt { get; init; }
    public string State { get; init; } = "";
    public int Version { get; init; }
    public string? ReplyText { get; init; }
    public string? DecidedById { get; init; }
    public string? DecidedByName { get; init; }
    public DateTime? DecidedAt { get; init; }
    public DateTime? PublishedAt { get; init; }
    public string? PlatformReplyId { get; init; }
    public string? FailureReason { get; init; }

    public CaseRecord ToRecord() => new()
    {
        Id = Id,
        Mention = new Mention(AccountId, ExternalId, new Author(AuthorHandle, AuthorName, AuthorUrl), Text, Url, Utc(CreatedAt), InReplyTo),
        ReceivedAt = Utc(ReceivedAt),
        State = Enum.Parse<CaseState>(State),
        Version = Version,
        ReplyText = ReplyText,
        DecidedById = DecidedById,
        DecidedByName = DecidedByName,
        DecidedAt = DecidedAt is { } d ? Utc(d) : null,
        PublishedAt = PublishedAt is { } p ? Utc(p) : null,
        PlatformReplyId = PlatformReplyId,
        FailureReason = FailureReason,
    };

    // Npgsql reads timestamptz as a UTC DateTime.
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
