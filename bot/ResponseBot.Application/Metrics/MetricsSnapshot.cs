using NodaTime;

namespace ResponseBot.Application.Metrics;

/// <summary>What the database-backed gauges report, as of <paramref name="TakenAt"/>: read every few seconds, not per scrape.</summary>
public sealed record MetricsSnapshot(Instant TakenAt, IReadOnlyDictionary<string, long> CasesByState, long OutboxDue, Instant? OldestDueAt,
    IReadOnlyList<SourceGauge> Sources);

/// <summary>One source's health: <paramref name="Healthy"/> is what /healthz/sources answers 200 for.</summary>
public sealed record SourceGauge(string AccountId, bool Healthy, Instant? LastSuccessAt, Instant? LastMentionAt);
