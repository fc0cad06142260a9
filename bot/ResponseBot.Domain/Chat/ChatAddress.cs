namespace ResponseBot.Domain.Chat;

/// <summary>
/// Everything needed to message a member of staff proactively (a Bot Framework "conversation
/// reference"): captured when they install the app or talk to the bot, refreshed on every activity.
/// </summary>
public sealed record ChatAddress(
    string StaffId,
    string StaffName,
    string ChannelUserId,
    string TenantId,
    string ServiceUrl,
    string BotId,
    string? ConversationId);

/// <summary>A card we posted, so it can be updated in place later.</summary>
public sealed record PostedCard(string StaffId, string ServiceUrl, string ConversationId, string MessageId);
