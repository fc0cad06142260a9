using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Cards;

/// <summary>Who the card is for: it shows the buttons that person may use.</summary>
public sealed record CardViewer(string StaffId, string? ChannelUserId, bool IsManager, bool InChannel = false);

/// <summary>A saved reply offered in the card: its configured name and the text it renders to for this case.</summary>
public sealed record SavedReply(string Name, string Text);

/// <summary>The post this mention replies to, when we know it (one of our cases).</summary>
public sealed record ThreadContext(string ParentAuthor, string ParentText, string? OurReply);

/// <summary>
/// Everything a case card shows. <paramref name="Suggestion"/> is the reply the Approve button sends
/// (the account's default or the chosen saved reply, named by <paramref name="Template"/>);
/// <paramref name="Notice"/> is a message of ours shown on top (e.g. why an action was refused).
/// </summary>
public sealed record CaseCardModel(
    CaseRecord Case,
    Account Account,
    string Suggestion,
    TimeZoneInfo Zone,
    CardViewer Viewer,
    IReadOnlyList<SavedReply> SavedReplies,
    string? Template = null,
    ThreadContext? Thread = null,
    string? Notice = null);
