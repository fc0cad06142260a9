using System.Data;
using System.Text.Json;
using Dapper;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store;

public sealed class DutyStateStore(NpgsqlDataSource db) : IDutyStateStore
{
    public async Task<Handover?> TryHandOverAsync(Layer layer, string? to, DateTimeOffset now, DateTimeOffset acknowledgeBy, Func<Handover, HandoverNotices> notices, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.LockRoutingAsync(conn, tx, ct);
        if (layer != Layer.Secondary
            && await Sql.TakeoverAsync(conn, tx, layer == Layer.Manager ? DutyRole.Manager : DutyRole.Officer, now, ct) is { } takeover && takeover != to)
            return null;
        var from = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select staff_id from duty_state where layer = @Layer", new { Layer = layer.ToString() }, tx, cancellationToken: ct));
        if (from == to) return null;

        await SetAsync(conn, tx, layer.ToString(), to, now, ct);
        var states = DutyStates.HandedTo(layer);
        if (to is not null)
            await Sql.QueueOpenCasesAsync(conn, tx, to, states, now, ct);
        if (to is not null && layer == Layer.Primary)
            await Sql.RestartAcknowledgeTimersAsync(conn, tx, acknowledgeBy, now, ct);
        var handover = new Handover(layer, from, to, await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from cases where state = any(@states)", new { states }, tx, cancellationToken: ct)));
        var text = notices(handover);
        if (to is not null && text.ToIncoming is { } incoming)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, to, incoming, now, ct);
        if (from is not null && text.ToOutgoing is { } outgoing)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, from, outgoing, now, ct);
        await Sql.LogAsync(conn, tx, DecisionEntry.System(null, now, DecisionActions.ShiftChanged,
            JsonSerializer.Serialize(new { layer = layer.ToString(), from, to, openCases = handover.OpenCases })), ct);
        await tx.CommitAsync(ct);
        return handover;
    }

    internal static Task SetAsync(IDbConnection conn, IDbTransaction tx, string layer, string? staffId, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into duty_state (layer, staff_id, since) values (@layer, @staffId, @now)
            on conflict (layer) do update set staff_id = excluded.staff_id, since = excluded.since
            """, new { layer, staffId, now }, tx, cancellationToken: ct));
}
