using Dapper;
using NodaTime;
using Npgsql;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store;

public sealed class RotaStore(NpgsqlDataSource db) : IRotaStore
{
    private sealed record Row(long Id, string Layer, string StaffId, DateTime StartsAt, DateTime EndsAt, string? CoveringFor);

    public async Task<IReadOnlyList<RotaOverride>> OverridesAsync(Interval range, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select id as Id, layer as Layer, staff_id as StaffId, starts_at as StartsAt, ends_at as EndsAt, covering_for as CoveringFor
              from rota_overrides
             where cancelled_at is null and starts_at < @To and ends_at > @From
             order by id
            """, new { From = range.Start.ToDateTimeOffset(), To = range.End.ToDateTimeOffset() }, cancellationToken: ct));
        return rows.Select(r => new RotaOverride(r.Id, Enum.Parse<Layer>(r.Layer), r.StaffId,
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.StartsAt, DateTimeKind.Utc)),
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.EndsAt, DateTimeKind.Utc)), r.CoveringFor)).ToList();
    }

    public async Task<long> AddOverrideAsync(RotaOverride o, string createdBy, Instant now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await InsertAsync(conn, tx, o, createdBy, now.ToDateTimeOffset(), ct);
        await tx.CommitAsync(ct);
        return id;
    }

    private static Task<long> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, RotaOverride o, string createdBy, DateTimeOffset at, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into rota_overrides (layer, staff_id, starts_at, ends_at, covering_for, created_by, created_at)
            values (@Layer, @StaffId, @Start, @End, @CoveringFor, @createdBy, @at)
            returning id
            """, new
            {
                Layer = o.Layer.ToString(), o.StaffId, Start = o.Start.ToDateTimeOffset(), End = o.End.ToDateTimeOffset(), o.CoveringFor, createdBy, at,
            }, tx, cancellationToken: ct));

    public async Task<long?> ChangeAsync(RotaOverride? add, long? cancel, Domain.People.StaffMember by, Instant now, IReadOnlyDictionary<string, string> notices, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var at = now.ToDateTimeOffset();
        if (cancel is { } id && await conn.ExecuteAsync(new CommandDefinition(
                "update rota_overrides set cancelled_at = @at, cancelled_by = @by where id = @id and cancelled_at is null",
                new { id, at, by = by.Id }, tx, cancellationToken: ct)) == 0)
            return null;
        var added = add is null ? 0 : await InsertAsync(conn, tx, add, by.Id, at, ct);
        foreach (var (staffId, text) in notices)
            await Sql.EnqueueAsync(conn, tx, Domain.Outbox.OutboxKinds.Text, null, staffId, text, at, ct);
        await Sql.LogAsync(conn, tx, new DecisionEntry(null, at, by.Id, by.Name, Domain.Cases.DecisionActions.RotaChanged,
            Detail: System.Text.Json.JsonSerializer.Serialize(new { added = add is null ? (long?)null : added, cancelled = cancel, notified = notices.Keys })), ct);
        await tx.CommitAsync(ct);
        return added;
    }
}
