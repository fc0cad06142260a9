using NodaTime;

namespace ResponseBot.Application.Ports;

/// <summary>How much work is in the system: cases by state (the stored state names), and the outbox's due backlog.</summary>
public sealed record WorkCounts(IReadOnlyDictionary<string, long> CasesByState, long OutboxDue, Instant? OldestDueAt);

/// <summary>Read-only counts for the metrics' gauges, read on a timer (never per scrape).</summary>
public interface IMetricsReader
{
    Task<WorkCounts> ReadAsync(Instant now, CancellationToken ct);
}
