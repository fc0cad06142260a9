using NodaTime;
using System.Data.Common;
using Dapper;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Store;

/// <summary>The dispatcher's lease API on the outbox: each statement on its own connection, fenced by the lease token.</summary>
public sealed class OutboxStore(DbDataSource db) : IOutboxQueue
{
    static OutboxStore() => Mapping.Register();

    private sealed record Claimed(long Id, string Kind, long? CaseId, string? Recipient, string? Payload, int Attempts, string Lane, bool OutcomeUnknown);

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string pool, Instant now, int max, TimeSpan lease, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        await using var conn = await db.OpenConnectionAsync(ct);
        // Due by the app's clock (which set due_at); leased by the database's, so instances whose clocks differ agree on
        // when a lease has run out. SKIP LOCKED lets every instance claim at once; of the oldest due messages, at most one
        // per lane, and none from a lane with a message being sent: a busy conversation holds one worker, not all.
        var rows = await conn.QueryAsync<Claimed>(new CommandDefinition("""
            with candidates as (
                select id, lane, due_at from outbox
                 where pool = @pool and done_at is null and failed_at is null and due_at <= @now
                   and (leased_until is null or leased_until <= now())
                 order by due_at, id
                 limit @scan
                 for update skip locked
            ), firsts as (
                select distinct on (c.lane) c.id, c.due_at from candidates c
                 where not exists (select 1 from outbox busy
                                    where busy.lane = c.lane and busy.leased_until > now() and busy.done_at is null and busy.failed_at is null)
                 order by c.lane, c.due_at, c.id
            ), picked as (
                select id from firsts order by due_at, id limit @max
            )
            -- A lease still set here ran out with no outcome recorded (every outcome clears it): the send may have happened.
            update outbox o
               set leased_until = now() + @lease, attempts = o.attempts + 1, lease_token = @token,
                   outcome_unknown_at = case when o.leased_until is not null then coalesce(o.outcome_unknown_at, now()) else o.outcome_unknown_at end
              from picked
             where o.id = picked.id
            returning o.id as Id, o.kind as Kind, o.case_id as CaseId, o.recipient as Recipient, o.payload as Payload, o.attempts as Attempts,
                      o.lane as Lane, o.outcome_unknown_at is not null as OutcomeUnknown
            """, new { pool, now, max, scan = max * 8, lease, token }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id)
            .Select(r => new OutboxMessage(r.Id, r.Kind, r.CaseId, r.Recipient, r.Payload, r.Attempts) { LeaseToken = token, Lane = r.Lane, OutcomeUnknown = r.OutcomeUnknown }).ToList();
    }

    public Task CompleteAsync(OutboxMessage m, Instant now, CancellationToken ct) =>
        ExecAsync("update outbox set done_at = @now, leased_until = null where id = @Id and lease_token = @LeaseToken", new { m.Id, m.LeaseToken, now }, ct);

    public Task RescheduleAsync(OutboxMessage m, Instant dueAt, string error, CancellationToken ct) =>
        ExecAsync("update outbox set due_at = @dueAt, leased_until = null, last_error = @error where id = @Id and lease_token = @LeaseToken",
            new { m.Id, m.LeaseToken, dueAt, error }, ct);

    public Task DeferAsync(OutboxMessage m, Instant dueAt, string reason, CancellationToken ct) =>
        ExecAsync("""
            update outbox set due_at = @dueAt, leased_until = null, attempts = greatest(attempts - 1, 0), last_error = @reason
             where id = @Id and lease_token = @LeaseToken
            """, new { m.Id, m.LeaseToken, dueAt, reason }, ct);

    public Task ReleaseAsync(OutboxMessage m, CancellationToken ct) =>
        ExecAsync("update outbox set leased_until = null, attempts = greatest(attempts - 1, 0) where id = @Id and lease_token = @LeaseToken and done_at is null and failed_at is null",
            new { m.Id, m.LeaseToken }, ct);

    public Task FailAsync(OutboxMessage m, Instant now, string error, CancellationToken ct) =>
        ExecAsync("update outbox set failed_at = @now, leased_until = null, last_error = @error where id = @Id and lease_token = @LeaseToken",
            new { m.Id, m.LeaseToken, now, error }, ct);

    private async Task ExecAsync(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}
