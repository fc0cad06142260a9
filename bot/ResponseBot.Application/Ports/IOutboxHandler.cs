using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Ports;

/// <summary>Performs one kind of outbox message by calling its use case. Throw <see cref="DeliveryException"/> to retry or fail.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>Called once when the message is abandoned, so the case can go back to people.</summary>
    Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct);
}
