using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Store.Repositories;

internal sealed class OutboxRepository(Session s) : IOutboxRepository
{
    public Task EnqueueAsync(string kind, long? caseId, string? recipient, string? payload, Instant due, Instant now, CancellationToken ct)
    {
        var (pool, lane) = OutboxLanes.For(kind, caseId, recipient);
        s.QueuedPools.Add(pool);
        return s.ExecuteAsync("""
            insert into outbox (kind, case_id, recipient, payload, created_at, due_at, pool, lane)
            values (@kind, @caseId, @recipient, @payload, @now, @due, @pool, @lane)
            """, new { kind, caseId, recipient, payload, now, due, pool, lane }, ct);
    }

    public Task EnqueueOnceAsync(string kind, long caseId, Instant due, Instant now, CancellationToken ct)
    {
        var (pool, lane) = OutboxLanes.For(kind, caseId, null);
        s.QueuedPools.Add(pool);
        return s.ExecuteAsync("""
            insert into outbox (kind, case_id, created_at, due_at, pool, lane)
            select @kind, @caseId, @now, @due, @pool, @lane
             where not exists (select 1 from outbox where kind = @kind and case_id = @caseId and done_at is null and failed_at is null and due_at > @now)
            """, new { kind, caseId, now, due, pool, lane }, ct);
    }

    public Task CancelAsync(long caseId, string kind, string reason, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            update outbox set done_at = @now, last_error = @reason
             where case_id = @caseId and kind = @kind and done_at is null and failed_at is null
            """, new { caseId, kind, reason, now }, ct);
}
