using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Views;

/// <summary>Who the card is for: their Teams user id lets Teams ask for their own view of it when they look.</summary>
public sealed record CardViewer(string StaffId, string? ChannelUserId);

/// <summary>A saved reply offered in the card: its configured name and the text it renders to for this case.</summary>
public sealed record SavedReply(string Name, string Text);

/// <summary>
/// The post this mention replies to, when we know it (one of our cases, or fetched from the platform when it arrived), and the
/// other cases of the conversation with the same person.
/// </summary>
public sealed record ThreadContext(string? ParentAuthor, string? ParentText, string? OurReply)
{
    public IReadOnlyList<ConversationCase> Conversation { get; init; } = [];

    /// <summary>The storm of near-duplicates the case is part of.</summary>
    public StormView? Storm { get; init; }
}

/// <summary>
/// Everything a case card shows. <paramref name="Suggestion"/> is the reply the Approve button sends
/// (the account's default or the chosen saved reply, named by <paramref name="Template"/>);
/// <paramref name="Notice"/> is a message of ours shown on top (e.g. why an action was refused);
/// <paramref name="Allowed"/> is what the viewer may do (<see cref="CaseWorkflow.Allowed"/>): the card draws exactly those buttons.
/// <paramref name="Compact"/> asks for the smallest card that still lets the viewer act (Teams refused the full one as too big):
/// a short extract of the post, no thread, no saved replies.
/// </summary>
public sealed record CaseCardModel(
    CaseRecord Case,
    Account Account,
    string Suggestion,
    DateTimeZone Zone,
    CardViewer Viewer,
    IReadOnlyList<SavedReply> SavedReplies,
    IReadOnlySet<CaseVerb> Allowed,
    string? Template = null,
    ThreadContext? Thread = null,
    string? Notice = null,
    bool Compact = false)
{
    /// <summary>The snooze lengths (minutes) the policy offers for this case: none for an emergency.</summary>
    public IReadOnlyList<int> SnoozeChoices { get; init; } = [];

    /// <summary>The storm this case is part of: on its lead, the card is the storm's.</summary>
    public StormView? Storm { get; init; }
    /// <summary>The pre-election period covering the account today: the card carries a banner saying every reply needs a manager.</summary>
    public Domain.Elections.ElectionPeriod? PreElection { get; init; }
}

/// <summary>A storm's card: how many mentions, from how many people, since when; a few of them; what was decided for all.</summary>
public sealed record StormView(long Id, long LeadCaseId, int Members, int Authors, Instant StartedAt, Instant LastAt, IReadOnlyList<StormSample> Samples, string? Statement,
    string? DismissReason, string? DecidedBy);

public sealed record StormSample(long CaseId, string AuthorHandle, string Text);
