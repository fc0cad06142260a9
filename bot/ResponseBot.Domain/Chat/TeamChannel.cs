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

public interface ITeamChannelStore
{
    Task SaveAsync(TeamChannel channel, bool installed, DateTimeOffset now, CancellationToken ct);

    /// <summary>The named channel if the bot is installed there; with no name, the most recently installed one.</summary>
    Task<TeamChannel?> FindAsync(string? conversationId, CancellationToken ct);
}
