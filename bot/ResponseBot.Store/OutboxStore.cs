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

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(Instant now, int max, TimeSpan lease, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        await using var conn = await db.OpenConnectionAsync(ct);
        // SKIP LOCKED lets every instance drain the same table without waiting on each other;
        // the lease (not a held transaction) is what keeps a message with one sender at a time.
        var rows = await conn.QueryAsync<OutboxMessage>(new CommandDefinition("""
            update outbox o
               set leased_until = @leaseEnd, attempts = o.attempts + 1, lease_token = @token
              from (select id from outbox
                     where done_at is null and failed_at is null and due_at <= @now
                       and (leased_until is null or leased_until <= @now)
                     order by due_at, id
                     limit @max
                     for update skip locked) due
             where o.id = due.id
            returning o.id as Id, o.kind as Kind, o.case_id as CaseId, o.recipient as Recipient, o.payload as Payload, o.attempts as Attempts
            """, new { now, max, leaseEnd = now + Duration.FromTimeSpan(lease), token }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).Select(r => r with { LeaseToken = token }).ToList();
    }

    public async Task<bool> TryRenewAsync(OutboxMessage m, Instant until, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "update outbox set leased_until = @until where id = @Id and lease_token = @LeaseToken and done_at is null and failed_at is null",
            new { m.Id, m.LeaseToken, until }, cancellationToken: ct)) == 1;
    }

    public Task CompleteAsync(OutboxMessage m, Instant now, CancellationToken ct) =>
        ExecAsync("update outbox set done_at = @now, leased_until = null where id = @Id and lease_token = @LeaseToken", new { m.Id, m.LeaseToken, now }, ct);

    public Task RescheduleAsync(OutboxMessage m, Instant dueAt, string error, CancellationToken ct) =>
        ExecAsync("update outbox set due_at = @dueAt, leased_until = null, last_error = @error where id = @Id and lease_token = @LeaseToken",
            new { m.Id, m.LeaseToken, dueAt, error }, ct);

    public Task FailAsync(OutboxMessage m, Instant now, string error, CancellationToken ct) =>
        ExecAsync("update outbox set failed_at = @now, leased_until = null, last_error = @error where id = @Id and lease_token = @LeaseToken",
            new { m.Id, m.LeaseToken, now, error }, ct);

    private async Task ExecAsync(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}
