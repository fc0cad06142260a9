using System.Data.Common;
using Dapper;
using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store;

/// <summary>The metrics' counts: two aggregate reads on one short connection, run on the refresh timer only.</summary>
public sealed class MetricsStore(DbDataSource db) : IMetricsReader
{
    static MetricsStore() => Mapping.Register();

    private sealed record StateCount(string State, long Count);
    private sealed record Backlog(long Due, Instant? OldestDueAt);

    public async Task<WorkCounts> ReadAsync(Instant now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // The backlog is read through the outbox's partial due index; cases are few enough to count by state outright.
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition("""
            select state as State, count(*) as Count from cases group by state;
            select count(*) as Due, min(due_at) as OldestDueAt from outbox where done_at is null and failed_at is null and due_at <= @now;
            """, new { now }, cancellationToken: ct));
        var states = (await results.ReadAsync<StateCount>()).ToDictionary(s => s.State, s => s.Count);
        var backlog = await results.ReadSingleAsync<Backlog>();
        return new WorkCounts(states, backlog.Due, backlog.OldestDueAt);
    }
}
