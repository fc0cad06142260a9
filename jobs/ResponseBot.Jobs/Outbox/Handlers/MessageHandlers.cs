using ResponseBot.Application.Calendar;
using ResponseBot.Application.Delivery;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox.Handlers;

public sealed class TextHandler(DeliverMessage deliver) : IOutboxHandler
{
    public string Kind => OutboxKinds.Text;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => deliver.TextAsync(message.Recipient!, message.Payload ?? "", ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        deliver.GiveUpAsync(message.Recipient!, failure, reason, ct);
}

public sealed class CardHandler(DeliverMessage deliver) : IOutboxHandler
{
    public string Kind => OutboxKinds.Card;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => deliver.CardAsync(message.Recipient!, message.Payload, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        deliver.GiveUpAsync(message.Recipient!, failure, reason, ct);
}

public sealed class CalendarLinkHandler(IssueCalendarLink links, DeliverMessage deliver) : IOutboxHandler
{
    public string Kind => OutboxKinds.CalendarLink;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => links.SendAsync(message.Recipient!, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        deliver.GiveUpAsync(message.Recipient!, failure, reason, ct);
}

public sealed class DownloadLinkHandler(Application.Downloads.IssueDownload downloads, DeliverMessage deliver) : IOutboxHandler
{
    public string Kind => OutboxKinds.DownloadLink;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) => downloads.SendAsync(message.Recipient!, message.Payload, ct);

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        deliver.GiveUpAsync(message.Recipient!, failure, reason, ct);
}
