using ResponseBot.Domain;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;

namespace ResponseBot.Host.Delivery;

/// <summary>Plain text to a member of staff (confirmations, help, welcome).</summary>
public sealed class TextMessageHandler(IStaffStore staff, IChatMessenger messenger, TimeProvider clock, ILogger<TextMessageHandler> log) : IOutboxHandler
{
    public string Kind => OutboxKinds.Text;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var address = await staff.FindAddressAsync(message.Recipient!, ct)
            ?? throw new DeliveryException(DeliveryFailure.Undeliverable, "no chat with this person (app not installed)");
        var sent = await messenger.SendTextAsync(address, message.Payload ?? "", ct);
        if (address.ConversationId is null)
            await staff.SaveAddressAsync(address with { ConversationId = sent.ConversationId }, clock.GetUtcNow(), ct);
    }

    public async Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogWarning("Message to {StaffId} not delivered: {Reason}", message.Recipient, reason);
        // Blocked or removed: stop messaging them until they talk to the bot again.
        if (failure == DeliveryFailure.Undeliverable)
            await staff.MarkUninstalledAsync(message.Recipient!, clock.GetUtcNow(), ct);
    }
}
