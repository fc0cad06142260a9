using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Delivery;

/// <summary>Text, and cards that aren't a case (who's on call, the rota, cover requests), to a member of staff.</summary>
public sealed class DeliverMessage(IUnitOfWorkFactory db, IChatMessenger messenger, TimeProvider clock, ILogger<DeliverMessage> log)
{
    public Task TextAsync(string staffId, string text, CancellationToken ct) =>
        SendAsync(staffId, address => messenger.SendTextAsync(address, text, ct), ct);

    public Task CardAsync(string staffId, string? payload, CancellationToken ct)
    {
        var card = JsonSerializer.Deserialize<CardPayload>(payload ?? "null") ?? throw new DeliveryException(DeliveryFailure.Permanent, "card message without a card");
        return SendAsync(staffId, address => messenger.SendCardAsync(address, card.Card, card.Summary, ct), ct);
    }

    public Task CardAsync(string staffId, System.Text.Json.Nodes.JsonObject card, string summary, CancellationToken ct) =>
        SendAsync(staffId, address => messenger.SendCardAsync(address, card, summary, ct), ct);

    private async Task SendAsync(string staffId, Func<ChatAddress, Task<SentMessage>> send, CancellationToken ct)
    {
        ChatAddress address;
        await using (var uow = await db.BeginAsync(ct))
            address = TeamChannel.ConversationOf(staffId) is { } channelId
                ? (await uow.Channels.FindAsync(channelId, ct))?.Address ?? throw new DeliveryException(DeliveryFailure.Permanent, "the bot is no longer in that channel")
                : await uow.Staff.FindAddressAsync(staffId, ct) ?? throw new DeliveryException(DeliveryFailure.Undeliverable, DeliveryException.NoChat);
        var sent = await send(address);
        if (address.ConversationId is not null || TeamChannel.ConversationOf(staffId) is not null) return;
        await using var record = await db.BeginAsync(ct);
        await record.Staff.SaveAddressAsync(address with { ConversationId = sent.ConversationId }, clock.Now(), ct);
        await record.CommitAsync(ct);
    }

    /// <summary>Someone blocked or removed the app: stop messaging them until they talk to the bot again.</summary>
    public async Task GiveUpAsync(string staffId, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogWarning("Message to {StaffId} not delivered: {Reason}", staffId, reason);
        if (failure != DeliveryFailure.Undeliverable || reason == DeliveryException.NoChat) return;
        await using var uow = await db.BeginAsync(ct);
        await uow.Staff.MarkUninstalledAsync(staffId, clock.Now(), ct);
        await uow.CommitAsync(ct);
    }
}
