using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Ports;

/// <summary>What the chat layer hands every authenticated interaction to (the Teams interaction router).</summary>
public interface IChatInteractionHandler
{
    Task<InteractionReply> HandleAsync(ChatInteraction interaction, CancellationToken ct);
}
