using ResponseBot.Application.Ports;
using ResponseBot.Application.Sources;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Metrics;

/// <summary>
/// Reads the figures behind the gauges (cases by state, the outbox's backlog, each source's health) and hands them to the
/// metrics. Run on a timer, so however often Prometheus scrapes, the database is asked once per interval.
/// </summary>
public sealed class RefreshMetrics(IMetricsReader reader, ShowSources sources, ResponseBotMetrics metrics, TimeProvider clock)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var work = await reader.ReadAsync(now, ct);
        // The same lines, and the same idea of healthy, as /healthz/sources.
        var lines = await sources.ReadAsync(ct);
        // Every state is reported, a zero included, so a series doesn't vanish when its last case moves on.
        var byState = Enum.GetNames<CaseState>().ToDictionary(s => s, s => work.CasesByState.GetValueOrDefault(s));
        metrics.Publish(new MetricsSnapshot(now, byState, work.OutboxDue, work.OldestDueAt,
            lines.Select(l => new SourceGauge(l.AccountId, !(l.Failing || l.Silent), l.LastSuccessAt, l.LastMentionAt)).ToList()));
    }
}
