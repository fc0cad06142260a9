using NodaTime;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Ports;

/// <summary>The dispatcher's side of the outbox: leases, each statement on its own, fenced by the lease token.</summary>
public interface IOutboxQueue
{
    /// <summary>Leases due messages; a lease that runs out (crashed instance) makes them due again.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(Instant now, int max, TimeSpan lease, CancellationToken ct);

    /// <summary>Extends the lease right before the message is worked on. False: someone else holds it now.</summary>
    Task<bool> TryRenewAsync(OutboxMessage message, Instant until, CancellationToken ct);

    // Each applies only while the caller still holds the lease.
    Task CompleteAsync(OutboxMessage message, Instant now, CancellationToken ct);

    Task RescheduleAsync(OutboxMessage message, Instant dueAt, string error, CancellationToken ct);

    Task FailAsync(OutboxMessage message, Instant now, string error, CancellationToken ct);
}
