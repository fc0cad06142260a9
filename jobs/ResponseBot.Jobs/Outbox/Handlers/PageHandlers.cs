using ResponseBot.Application.Paging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Jobs.Outbox.Handlers;

public sealed class PageEmailHandler(SendPage page) : IOutboxHandler
{
    public string Kind => OutboxKinds.PageEmail;

    public Task HandleAsync(OutboxMessage m, CancellationToken ct) => page.RunAsync(m.Id, m.CaseId!.Value, m.Recipient!, PageChannel.Email, m.Payload ?? "", ct);

    public Task OnGaveUpAsync(OutboxMessage m, DeliveryFailure failure, string reason, CancellationToken ct) =>
        page.GiveUpAsync(m.Id, m.CaseId!.Value, m.Recipient!, PageChannel.Email, m.Payload ?? "", reason, ct);
}

public sealed class PageSmsHandler(SendPage page) : IOutboxHandler
{
    public string Kind => OutboxKinds.PageSms;

    public Task HandleAsync(OutboxMessage m, CancellationToken ct) => page.RunAsync(m.Id, m.CaseId!.Value, m.Recipient!, PageChannel.Sms, m.Payload ?? "", ct);

    public Task OnGaveUpAsync(OutboxMessage m, DeliveryFailure failure, string reason, CancellationToken ct) =>
        page.GiveUpAsync(m.Id, m.CaseId!.Value, m.Recipient!, PageChannel.Sms, m.Payload ?? "", reason, ct);
}
