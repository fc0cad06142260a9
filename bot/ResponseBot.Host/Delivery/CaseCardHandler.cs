using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;

namespace ResponseBot.Host.Delivery;

/// <summary>Posts a case's card into a member of staff's 1:1 chat and remembers where it went.</summary>
public sealed class CaseCardHandler(
    ICaseStore cases, IStaffStore staff, IChatMessenger messenger, CaseCardRenderer renderer, TimeProvider clock, ILogger<CaseCardHandler> log)
    : IOutboxHandler
{
    public string Kind => OutboxKinds.CaseCard;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var @case = await cases.GetAsync(message.CaseId!.Value, ct)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, "case not found");
        if (!@case.State.IsOpen())
        {
            log.LogInformation("Case {CaseId} was handled before its card reached {StaffId}; not sending", @case.Id, message.Recipient);
            return;
        }
        var address = await staff.FindAddressAsync(message.Recipient!, ct)
            ?? throw new DeliveryException(DeliveryFailure.Undeliverable, "no chat with this person (app not installed)");

        var (card, summary) = renderer.Render(@case);
        var sent = await messenger.SendCardAsync(address, card, summary, ct);
        if (address.ConversationId is null)
            await staff.SaveAddressAsync(address with { ConversationId = sent.ConversationId }, clock.GetUtcNow(), ct);
        await cases.RecordCardPostedAsync(@case.Id, new PostedCard(address.StaffId, address.ServiceUrl, sent.ConversationId, sent.MessageId), clock.GetUtcNow(), ct);
    }

    public Task OnGaveUpAsync(OutboxMessage message, string reason, CancellationToken ct)
    {
        // The case stays open and is handed to whoever goes on call next; rerouting to the next
        // person on the rota comes with the rota.
        log.LogError("Card for case {CaseId} could not reach {StaffId}: {Reason}", message.CaseId, message.Recipient, reason);
        return Task.CompletedTask;
    }
}
