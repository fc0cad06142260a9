using NodaTime;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Ports;

/// <summary>The dispatcher's side of the outbox: leases, each statement on its own, fenced by the lease token.</summary>
public interface IOutboxQueue
{
    /// <summary>
    /// Leases up to <paramref name="max"/> of <paramref name="pool"/>'s messages due at <paramref name="now"/>, at most one per
    /// lane and none from a lane already being sent; a lease that runs out (a crashed instance) makes them due again.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string pool, Instant now, int max, TimeSpan lease, CancellationToken ct);

    // Each applies only while the caller still holds the lease.
    Task CompleteAsync(OutboxMessage message, Instant now, CancellationToken ct);

    Task RescheduleAsync(OutboxMessage message, Instant dueAt, string error, CancellationToken ct);

    /// <summary>Not sent, and not for a fault of its own (Teams' budget spent, the app refused): due later, the attempt not counted.</summary>
    Task DeferAsync(OutboxMessage message, Instant dueAt, string reason, CancellationToken ct);

    /// <summary>Gives back a message this worker won't send after all (it is stopping): due again at once, for any instance.</summary>
    Task ReleaseAsync(OutboxMessage message, CancellationToken ct);

    Task FailAsync(OutboxMessage message, Instant now, string error, CancellationToken ct);
}
