using NodaTime;
namespace ResponseBot.Application.Ports;

/// <summary>The producer side of the outbox: rows written in the same transaction as the change that caused them.</summary>
public interface IOutboxRepository
{
    Task EnqueueAsync(string kind, long? caseId, string? recipient, string? payload, Instant due, Instant now, CancellationToken ct);

    /// <summary>
    /// Enqueues for <paramref name="due"/> unless a message of the same kind for the case is already waiting for a later time:
    /// a burst of changes (a storm's count) becomes one send.
    /// </summary>
    Task EnqueueOnceAsync(string kind, long caseId, Instant due, Instant now, CancellationToken ct);

    /// <summary>Marks this case's pending messages of <paramref name="kind"/> done without sending them.</summary>
    Task CancelAsync(long caseId, string kind, string reason, Instant now, CancellationToken ct);
}
