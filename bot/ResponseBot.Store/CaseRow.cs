using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Triage;

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
    public Instant CreatedAt { get; init; }
    public string? InReplyTo { get; init; }
    public Instant ReceivedAt { get; init; }
    public string State { get; init; } = "";
    public int Version { get; init; }
    public string[] Flags { get; init; } = [];
    public string[] Tags { get; init; } = [];
    public string Language { get; init; } = "en";
    public string? SuggestedTemplate { get; init; }
    public Instant? RespondBy { get; init; }
    public string? DraftText { get; init; }
    public string? DraftedById { get; init; }
    public string? DraftedByName { get; init; }
    public Instant? DraftedAt { get; init; }
    public string? ReplyText { get; init; }
    public string? ApprovedById { get; init; }
    public string? ApprovedByName { get; init; }
    public Instant? ApprovedAt { get; init; }
    public string? DecidedById { get; init; }
    public string? DecidedByName { get; init; }
    public Instant? DecidedAt { get; init; }
    public string? Reason { get; init; }
    public string? ClaimedById { get; init; }
    public string? ClaimedByName { get; init; }
    public Instant? ClaimedAt { get; init; }
    public string? AcknowledgedById { get; init; }
    public string? AcknowledgedByName { get; init; }
    public Instant? AcknowledgedAt { get; init; }
    public string? SnoozedById { get; init; }
    public string? SnoozedByName { get; init; }
    public Instant? SnoozedAt { get; init; }
    public Instant? SnoozedUntil { get; init; }
    public Instant? ScheduledFor { get; init; }
    public string? ReopenState { get; init; }
    public Instant? PublishedAt { get; init; }
    public string? PlatformReplyId { get; init; }
    public string? PlatformReplyUrl { get; init; }
    public string? FailureReason { get; init; }
    public long? PublishOutboxId { get; init; }
    public string? HoldingReplyId { get; init; }
    public string? ParentAuthor { get; init; }
    public string? ParentText { get; init; }
    public string? HiddenById { get; init; }
    public string? HiddenByName { get; init; }
    public Instant? HiddenAt { get; init; }
    public string? HiddenReason { get; init; }
    public Instant? EditedAt { get; init; }
    public Instant? DeletedAt { get; init; }
    public long? ThreadCaseId { get; init; }
    public long? StormId { get; init; }
    public bool LeadsStorm { get; init; }
    public string Priority { get; init; } = nameof(TriagePriority.Normal);
    public int[] StormKeys { get; init; } = [];
    public string[] Routes { get; init; } = [];

    /// <summary>What the router reads of a case; the rule names triage matched are in its decision log, not needed here.</summary>
    public CaseToRoute ToRoute()
    {
        var record = ToRecord();
        return new CaseToRoute(Id, record.Mention, new TriageOutcome(Flags, Tags, Enum.Parse<TriagePriority>(Priority), Routes, SuggestedTemplate, Language, []),
            StormKeys ?? [], record.State);
    }

    public CaseRecord ToRecord() => new()
    {
        Id = Id,
        Mention = new Mention(AccountId, ExternalId, new Author(AuthorHandle, AuthorName, AuthorUrl), Text, Url, CreatedAt, InReplyTo)
        {
            Parent = ParentAuthor is not null && ParentText is not null ? new ParentPost(ParentAuthor, ParentText) : null,
        },
        ReceivedAt = ReceivedAt,
        State = Enum.Parse<CaseState>(State),
        Version = Version,
        Flags = Flags,
        Tags = Tags,
        Language = Language,
        SuggestedTemplate = SuggestedTemplate,
        RespondBy = RespondBy,
        DraftText = DraftText,
        Drafted = Stamp(DraftedById, DraftedByName, DraftedAt),
        ReplyText = ReplyText,
        Approved = Stamp(ApprovedById, ApprovedByName, ApprovedAt),
        Decided = Stamp(DecidedById, DecidedByName, DecidedAt),
        Reason = Reason,
        Claimed = Stamp(ClaimedById, ClaimedByName, ClaimedAt),
        Acknowledged = Stamp(AcknowledgedById, AcknowledgedByName, AcknowledgedAt),
        Snoozed = Stamp(SnoozedById, SnoozedByName, SnoozedAt),
        SnoozedUntil = SnoozedUntil,
        ScheduledFor = ScheduledFor,
        ReopenState = ReopenState is null ? null : Enum.Parse<CaseState>(ReopenState),
        PublishedAt = PublishedAt,
        PlatformReplyId = PlatformReplyId,
        PlatformReplyUrl = PlatformReplyUrl,
        FailureReason = FailureReason,
        PublishOutboxId = PublishOutboxId,
        HoldingReplyId = HoldingReplyId,
        Hidden = Stamp(HiddenById, HiddenByName, HiddenAt),
        HiddenReason = HiddenReason,
        EditedAt = EditedAt,
        DeletedAt = DeletedAt,
        ThreadCaseId = ThreadCaseId,
        StormId = StormId,
        LeadsStorm = LeadsStorm,
    };

    /// <summary>The parameters for writing a record's mutable columns back, guarded on <paramref name="expectedVersion"/>.</summary>
    public static object Parameters(CaseRecord r, int expectedVersion) => new
    {
        ExpectedVersion = expectedVersion,
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
        AcknowledgedById = r.Acknowledged?.Id, AcknowledgedByName = r.Acknowledged?.Name, AcknowledgedAt = r.Acknowledged?.At,
        SnoozedById = r.Snoozed?.Id, SnoozedByName = r.Snoozed?.Name, SnoozedAt = r.Snoozed?.At, r.SnoozedUntil,
        r.ScheduledFor,
        ReopenState = r.ReopenState?.ToString(),
        r.FailureReason,
        r.PublishedAt,
        r.PlatformReplyId,
        r.PlatformReplyUrl,
        r.PublishOutboxId,
        r.HoldingReplyId,
        r.Mention.Text,
        Flags = r.Flags.ToArray(),
        Tags = r.Tags.ToArray(),
        HiddenById = r.Hidden?.Id, HiddenByName = r.Hidden?.Name, HiddenAt = r.Hidden?.At, r.HiddenReason,
        r.EditedAt,
        r.DeletedAt,
    };

    private static Stamp? Stamp(string? id, string? name, Instant? at) =>
        id is not null && name is not null && at is { } a ? new Stamp(id, name, a) : null;
}
