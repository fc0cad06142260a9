using Dapper;
using Npgsql;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Store;

public sealed class OutboxStore(NpgsqlDataSource db) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct)
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
            """, new { now, max, leaseEnd = now + lease, token }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).Select(r => r with { LeaseToken = token }).ToList();
    }

    public async Task<bool> TryRenewAsync(OutboxMessage m, DateTimeOffset until, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "update outbox set leased_until = @until where id = @Id and lease_token = @LeaseToken and done_at is null and failed_at is null",
            new { m.Id, m.LeaseToken, until }, cancellationToken: ct)) == 1;
    }

    public Task CompleteAsync(OutboxMessage m, DateTimeOffset now, CancellationToken ct) =>
        ExecAsync("update outbox set done_at = @now, leased_until = null where id = @Id and lease_token = @LeaseToken", new { m.Id, m.LeaseToken, now }, ct);

    public Task RescheduleAsync(OutboxMessage m, DateTimeOffset dueAt, string error, CancellationToken ct) =>
        ExecAsync("update outbox set due_at = @dueAt, leased_until = null, last_error = @error where id = @Id and lease_token = @LeaseToken",
            new { m.Id, m.LeaseToken, dueAt, error }, ct);

    public Task FailAsync(OutboxMessage m, DateTimeOffset now, string error, CancellationToken ct) =>
        ExecAsync("update outbox set failed_at = @now, leased_until = null, last_error = @error where id = @Id and lease_token = @LeaseToken",
            new { m.Id, m.LeaseToken, now, error }, ct);

    public async Task EnqueueTextAsync(string recipientStaffId, string text, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, recipientStaffId, text, now, ct);
        await tx.CommitAsync(ct);
    }

    public async Task EnqueueAsync(string kind, string recipientStaffId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.EnqueueAsync(conn, tx, kind, null, recipientStaffId, null, now, ct);
        await tx.CommitAsync(ct);
    }

    public async Task EnqueueCardAsync(string recipientStaffId, System.Text.Json.Nodes.JsonObject card, string summary, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.Card, null, recipientStaffId, System.Text.Json.JsonSerializer.Serialize(new CardPayload(card, summary)), now, ct);
        await tx.CommitAsync(ct);
    }

    private async Task ExecAsync(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}
