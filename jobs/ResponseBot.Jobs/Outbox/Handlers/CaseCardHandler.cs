using ResponseBot.Application.Delivery;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox.Handlers;

public sealed class CaseCardHandler(DeliverCard deliver) : IOutboxHandler
{
    public string Kind => OutboxKinds.CaseCard;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) =>
        deliver.SendAsync(message.CaseId!.Value, message.Recipient!, ct, mayBeThereAlready: message.OutcomeUnknown);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        deliver.GiveUpAsync(message.CaseId!.Value, message.Recipient!, failure, reason, ct);
}

public sealed class CaseCardUpdateHandler(DeliverCard deliver) : IOutboxHandler
{
    public string Kind => OutboxKinds.CaseCardUpdate;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => deliver.UpdateAsync(message.CaseId!.Value, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        deliver.GaveUpUpdatingAsync(message.CaseId!.Value, reason);
}
