namespace ResponseBot.Domain.Chat;

/// <summary>A team channel the bot is installed in: a shared place where the team can claim cases.</summary>
public sealed record TeamChannel(string ConversationId, string? TeamId, string? Name, string TenantId, string ServiceUrl, string BotId)
{
    /// <summary>How a channel appears where a staff id would (outbox recipients, posted cards).</summary>
    public const string RecipientPrefix = "channel:";

    public string Recipient => RecipientPrefix + ConversationId;

    /// <summary>The channel as a chat address, so the same messenger can post to it.</summary>
    public ChatAddress Address => new(Recipient, Name ?? "team channel", "", TenantId, ServiceUrl, BotId, ConversationId);

    public static string? ConversationOf(string recipient) =>
        recipient.StartsWith(RecipientPrefix, StringComparison.Ordinal) ? recipient[RecipientPrefix.Length..] : null;
}
