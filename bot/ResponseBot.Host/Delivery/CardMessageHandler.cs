using System.Text.Json;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;

namespace ResponseBot.Host.Delivery;

/// <summary>A card that isn't a case (who's on call, the rota) to a member of staff.</summary>
public sealed class CardMessageHandler(IStaffStore staff, IChatMessenger messenger, TextMessageHandler text) : IOutboxHandler
{
    public string Kind => OutboxKinds.Card;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<CardPayload>(message.Payload ?? "null")
            ?? throw new DeliveryException(DeliveryFailure.Permanent, "card message without a card");
        var address = await staff.FindAddressAsync(message.Recipient!, ct)
            ?? throw new DeliveryException(DeliveryFailure.Undeliverable, "no chat with this person (app not installed)");
        await messenger.SendCardAsync(address, payload.Card, payload.Summary, ct);
    }

    // Same as for text: someone unreachable stops being messaged until they talk to the bot again.
    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        text.OnGaveUpAsync(message, failure, reason, ct);
}
