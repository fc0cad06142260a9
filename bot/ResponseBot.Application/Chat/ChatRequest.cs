using NodaTime;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Chat;

/// <summary>What every use case started from chat does first, in its own unit of work.</summary>
public static class ChatRequest
{
    /// <summary>
    /// Refreshes how to reach the person and records the activity as handled. False for a repeat (the channel retried
    /// an activity already handled): the caller answers without acting again. Both commit with the use case, so a
    /// failed attempt leaves no record and the retry is processed. A view that changes nothing need not be recorded
    /// (<paramref name="recordActivity"/> false): a repeat of it is simply drawn again.
    /// </summary>
    public static async Task<bool> BeginAsync(IUnitOfWork uow, ChatInteraction interaction, Instant now, ILogger log, CancellationToken ct, bool saveAddress = true,
        bool recordActivity = true)
    {
        if (recordActivity && interaction.ActivityKey is { } key && !await uow.Activities.FirstTimeAsync(key, now, ct))
        {
            log.LogInformation("Activity {ActivityKey} was already handled: answering without acting again", key);
            return false;
        }
        if (saveAddress) await uow.Staff.SaveAddressAsync(interaction.Address, now, ct);
        return true;
    }

    public static Task TextAsync(IUnitOfWork uow, string staffId, string text, Instant now, CancellationToken ct) =>
        uow.Outbox.EnqueueAsync(OutboxKinds.Text, null, staffId, text, now, now, ct);

    public static Task CardAsync(IUnitOfWork uow, string staffId, System.Text.Json.Nodes.JsonObject card, string summary, Instant now, CancellationToken ct) =>
        uow.Outbox.EnqueueAsync(OutboxKinds.Card, null, staffId, System.Text.Json.JsonSerializer.Serialize(new CardPayload(card, summary)), now, now, ct);

    /// <summary>
    /// Action.Submit (clients without Universal Actions) can't replace the card: a message is said in the chat instead,
    /// and a new card is posted, in the same unit of work.
    /// </summary>
    public static async Task<InteractionReply> AnswerAsync(IUnitOfWork uow, ChatInteraction.CardAction a, bool first, InteractionReply reply, string cardSummary,
        bool postCard, Instant now, CancellationToken ct)
    {
        // A retried activity was answered in chat the first time: say nothing twice.
        if (a.CanReplaceCard || !first) return reply;
        if (postCard && reply is InteractionReply.Card card) await CardAsync(uow, a.Actor.Id, card.Content, cardSummary, now, ct);
        if (reply switch { InteractionReply.Info i => i.Text, InteractionReply.Error e => e.Message, _ => null } is { } message)
            await TextAsync(uow, a.Actor.Id, message, now, ct);
        return reply;
    }
}
