using System.Text.Json.Nodes;

using ResponseBot.Domain;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Ports;

public sealed record SentMessage(string ConversationId, string MessageId);

/// <summary>Proactive messaging to staff. Implementations throw <see cref="DeliveryException"/>.</summary>
public interface IChatMessenger
{
    /// <summary>Posts a card into the person's 1:1 chat, creating the chat if we don't know it yet.</summary>
    Task<SentMessage> SendCardAsync(ChatAddress to, JsonObject card, string summary, CancellationToken ct);

    Task UpdateCardAsync(PostedCard posted, JsonObject card, string summary, CancellationToken ct);

    Task<SentMessage> SendTextAsync(ChatAddress to, string text, CancellationToken ct);
}
