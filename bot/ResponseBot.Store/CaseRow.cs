using ResponseBot.Domain.Cases;

namespace ResponseBot.Store;

/// <summary>The flat shape of a cases row, as Dapper reads and writes it.</summary>
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
    public string[] Flags { get; init; } = [];
    public DateTime? RespondBy { get; init; }
    public string? DraftText { get; init; }
    public string? DraftedById { get; init; }
    public string? DraftedByName { get; init; }
    public DateTime? DraftedAt { get; init; }
    public string? ReplyText { get; init; }
    public string? ApprovedById { get; init; }
    public string? ApprovedByName { get; init; }
    public DateTime? ApprovedAt { get; init; }
    public string? DecidedById { get; init; }
    public string? DecidedByName { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? Reason { get; init; }
    public string? ClaimedById { get; init; }
    public string? ClaimedByName { get; init; }
    public DateTime? ClaimedAt { get; init; }
    public DateTime? ScheduledFor { get; init; }
    public string? ReopenState { get; init; }
    public DateTime? PublishedAt { get; init; }
    public string? PlatformReplyId { get; init; }
    public string? PlatformReplyUrl { get; init; }
    public string? FailureReason { get; init; }

    public CaseRecord ToRecord() => new()
    {
        Id = Id,
        Mention = new Mention(AccountId, ExternalId, new Author(AuthorHandle, AuthorName, AuthorUrl), Text, Url, Utc(CreatedAt), InReplyTo),
        ReceivedAt = Utc(ReceivedAt),
        State = Enum.Parse<CaseState>(State),
        Version = Version,
        Flags = Flags,
        RespondBy = Opt(RespondBy),
        DraftText = DraftText,
        Drafted = Stamp(DraftedById, DraftedByName, DraftedAt),
        ReplyText = ReplyText,
        Approved = Stamp(ApprovedById, ApprovedByName, ApprovedAt),
        Decided = Stamp(DecidedById, DecidedByName, DecidedAt),
        Reason = Reason,
        Claimed = Stamp(ClaimedById, ClaimedByName, ClaimedAt),
        ScheduledFor = Opt(ScheduledFor),
        ReopenState = ReopenState is null ? null : Enum.Parse<CaseState>(ReopenState),
        PublishedAt = Opt(PublishedAt),
        PlatformReplyId = PlatformReplyId,
        PlatformReplyUrl = PlatformReplyUrl,
        FailureReason = FailureReason,
    };

    /// <summary>The parameters for writing a record's mutable columns back.</summary>
    public static object Parameters(CaseRecord r) => new
    {
        r.Id,
        State = r.State.ToString(),
        r.Version,
        r.DraftText,
        DraftedById = r.Drafted?.Id, DraftedByName = r.Drafted?.Name, DraftedAt = r.Drafted?.At,
        r.ReplyText,
        ApprovedById = r.Approved?.Id, ApprovedByName = r.Approved?.Name, ApprovedAt = r.Approved?.At,
        DecidedById = r.Decided?.Id, DecidedByName = r.Decided?.Name, DecidedAt = r.Decided?.At,
        r.Reason,
        ClaimedById = r.Claimed?.Id, ClaimedByName = r.Claimed?.Name, ClaimedAt = r.Claimed?.At,
        r.ScheduledFor,
        ReopenState = r.ReopenState?.ToString(),
        r.FailureReason,
    };

    // Npgsql reads timestamptz as a UTC DateTime.
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Opt(DateTime? value) => value is { } v ? Utc(v) : null;

    private static Stamp? Stamp(string? id, string? name, DateTime? at) =>
        id is not null && name is not null && at is { } a ? new Stamp(id, name, Utc(a)) : null;
}
