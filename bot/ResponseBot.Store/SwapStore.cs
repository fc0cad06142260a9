using System.Data;
using System.Text.Json;
using Dapper;
using NodaTime;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store;

public sealed class SwapStore(NpgsqlDataSource db) : ISwapStore
{
    private sealed record Row(Guid Id, string Layer, string RequesterId, DateTime StartsAt, DateTime EndsAt, string Status, string? TakenBy, string? DecidedBy);

    public async Task<bool> CreateAsync(SwapRequest r, IReadOnlyList<SwapMessage> messages, Instant now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var created = await conn.ExecuteAsync(new CommandDefinition("""
            insert into swap_requests (id, layer, requester_id, starts_at, ends_at, status, created_at)
            values (@Id, @Layer, @RequesterId, @Start, @End, @Status, @now)
            on conflict (layer, requester_id, starts_at) where status in ('Open', 'Taken') do nothing
            """, new { r.Id, Layer = r.Layer.ToString(), r.RequesterId, Start = r.Start.ToDateTimeOffset(), End = r.End.ToDateTimeOffset(),
                Status = r.Status.ToString(), now = now.ToDateTimeOffset() }, tx, cancellationToken: ct)) == 1;
        if (!created) return false;
        await SendAsync(conn, tx, messages, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<SwapRequest?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            select id as Id, layer as Layer, requester_id as RequesterId, starts_at as StartsAt, ends_at as EndsAt, status as Status,
                   taken_by as TakenBy, decided_by as DecidedBy
              from swap_requests where id = @id
            """, new { id }, cancellationToken: ct));
        return row is null ? null : new SwapRequest(row.Id, Enum.Parse<Layer>(row.Layer), row.RequesterId, Utc(row.StartsAt), Utc(row.EndsAt), Enum.Parse<SwapStatus>(row.Status))
            { TakenBy = row.TakenBy, DecidedBy = row.DecidedBy };
    }

    public async Task<bool> TakeAsync(Guid id, string takerId, SwapStatus to, Instant now, IReadOnlyList<SwapMessage> messages, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Guarded on 'Open': of two people pressing "I'll cover" at once, exactly one takes it.
        var taken = await conn.ExecuteAsync(new CommandDefinition("""
            update swap_requests set status = @to, taken_by = @takerId, taken_at = @now where id = @id and status = 'Open'
            """, new { id, takerId, to = to.ToString(), now = now.ToDateTimeOffset() }, tx, cancellationToken: ct)) == 1;
        if (!taken) return false;
        if (to == SwapStatus.Approved) await AddOverrideAsync(conn, tx, id, takerId, now, ct);
        await SendAsync(conn, tx, messages, now, ct);
        await Sql.LogAsync(conn, tx, new DecisionEntry(null, now.ToDateTimeOffset(), takerId, takerId, DecisionActions.SwapTaken,
            Detail: JsonSerializer.Serialize(new { swap = id, status = to.ToString() })), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> DecideAsync(Guid id, StaffMember coordinator, bool approve, Instant now, IReadOnlyList<SwapMessage> messages, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var takerId = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            update swap_requests set status = @Status, decided_by = @Id, decided_at = @now where id = @id and status = 'Taken'
            returning taken_by
            """, new { id, Status = (approve ? SwapStatus.Approved : SwapStatus.Declined).ToString(), coordinator.Id, now = now.ToDateTimeOffset() },
            tx, cancellationToken: ct));
        if (takerId is null) return false;
        if (approve) await AddOverrideAsync(conn, tx, id, takerId, now, ct);
        await SendAsync(conn, tx, messages, now, ct);
        await Sql.LogAsync(conn, tx, new DecisionEntry(null, now.ToDateTimeOffset(), coordinator.Id, coordinator.Name,
            approve ? DecisionActions.SwapApproved : DecisionActions.SwapDeclined, Detail: JsonSerializer.Serialize(new { swap = id, taker = takerId })), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    // The approved swap becomes an ordinary override, so routing, cards and the calendar all see it.
    private static async Task AddOverrideAsync(IDbConnection conn, IDbTransaction tx, Guid id, string takerId, Instant now, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            with o as (
                insert into rota_overrides (layer, staff_id, starts_at, ends_at, covering_for, created_by, created_at)
                select layer, @takerId, starts_at, ends_at, requester_id, 'swap:' || id::text, @now from swap_requests where id = @id
                returning id
            )
            update swap_requests set override_id = (select id from o) where id = @id
            """, new { id, takerId, now = now.ToDateTimeOffset() }, tx, cancellationToken: ct));

    private static async Task SendAsync(IDbConnection conn, IDbTransaction tx, IReadOnlyList<SwapMessage> messages, Instant now, CancellationToken ct)
    {
        foreach (var m in messages)
        {
            if (m.Card is { } card)
                await Sql.EnqueueAsync(conn, tx, OutboxKinds.Card, null, m.StaffId, JsonSerializer.Serialize(new CardPayload(card, m.Summary ?? "Cover request")), now.ToDateTimeOffset(), ct);
            if (m.Text is { } text)
                await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, m.StaffId, text, now.ToDateTimeOffset(), ct);
        }
    }

    private static Instant Utc(DateTime t) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
