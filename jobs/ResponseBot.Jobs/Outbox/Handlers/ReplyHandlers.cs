using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox.Handlers;

public sealed class PublishReplyHandler(PublishReply publish) : IOutboxHandler
{
    public string Kind => OutboxKinds.PublishReply;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => publish.RunAsync(message.CaseId!.Value, message.Id, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        publish.GiveUpAsync(message.CaseId!.Value, reason, ct);
}

public sealed class HoldingReplyHandler(SendHoldingReply holding) : IOutboxHandler
{
    public string Kind => OutboxKinds.HoldingReply;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => holding.RunAsync(message.CaseId!.Value, message.Payload!, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        holding.GiveUpAsync(message.CaseId!.Value, message.Payload ?? "", reason, ct);
}

public sealed class ModerateHandler(ModerateMention moderate) : IOutboxHandler
{
    public string Kind => OutboxKinds.Moderate;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => moderate.RunAsync(message.CaseId!.Value, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        moderate.GiveUpAsync(message.CaseId!.Value, message.Payload == "hide", message.Recipient, reason, ct);
}

public sealed class StormFanoutHandler(AnswerStorm storm) : IOutboxHandler
{
    public string Kind => OutboxKinds.StormFanout;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => storm.RunAsync(message.CaseId!.Value, ct);

    // Nothing to undo: members not reached stay open on the storm card and can be answered from it.
    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) => Task.CompletedTask;
}
