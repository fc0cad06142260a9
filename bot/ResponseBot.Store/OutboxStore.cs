using Dapper;
using Npgsql;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Store;

public sealed class OutboxStore(NpgsqlDataSource db) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // SKIP LOCKED lets every instance drain the same table without waiting on each other;
        // the lease (not a held transaction) is what keeps a message with one sender at a time.
        var rows = await conn.QueryAsync<OutboxMessage>(new CommandDefinition("""
            update outbox o
               set leased_until = @leaseEnd, attempts = o.attempts + 1
              from (select id from outbox
                     where done_at is null and failed_at is null and due_at <= @now
                       and (leased_until is null or leased_until <= @now)
                     order by due_at, id
                     limit @max
                     for update skip locked) due
             where o.id = due.id
            returning o.id as Id, o.kind as Kind, o.case_id as CaseId, o.recipient as Recipient, o.payload as Payload, o.attempts as Attempts
            """, new { now, max, leaseEnd = now + lease }, cancellationToken: ct));
        return rows.OrderBy(r => r.Id).ToList();
    }

    public Task CompleteAsync(long id, DateTimeOffset now, CancellationToken ct) =>
        ExecAsync("update outbox set done_at = @now, leased_until = null where id = @id", new { id, now }, ct);

    public Task RescheduleAsync(long id, DateTimeOffset dueAt, string error, CancellationToken ct) =>
        ExecAsync("update outbox set due_at = @dueAt, leased_until = null, last_error = @error where id = @id", new { id, dueAt, error }, ct);

    public Task FailAsync(long id, DateTimeOffset now, string error, CancellationToken ct) =>
        ExecAsync("update outbox set failed_at = @now, leased_until = null, last_error = @error where id = @id", new { id, now, error }, ct);

    public async Task EnqueueTextAsync(string recipientStaffId, string text, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, recipientStaffId, text, now, ct);
        await tx.CommitAsync(ct);
    }

    private async Task ExecAsync(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}
