using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Cards;

/// <summary>Everything a case card shows. <paramref name="Notice"/> is a message of ours shown on top (e.g. why an edit was refused).</summary>
public sealed record CaseCardModel(CaseRecord Case, Account Account, string SuggestedReply, TimeZoneInfo Zone, string? Notice = null);
