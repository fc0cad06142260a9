using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store.Repositories;

internal sealed class OverrideRepository(Session s) : IOverrideRepository
{
    internal sealed record Row(long Id, string Layer, string StaffId, Instant StartsAt, Instant EndsAt, string? CoveringFor)
    {
        public RotaOverride ToOverride() => new(Id, Enum.Parse<Layer>(Layer), StaffId, StartsAt, EndsAt, CoveringFor);
    }

    /// <summary>Overrides in force at any time between @From and @To.</summary>
    internal const string OverlappingSql = """
        select id as Id, layer as Layer, staff_id as StaffId, starts_at as StartsAt, ends_at as EndsAt, covering_for as CoveringFor
          from rota_overrides
         where cancelled_at is null and starts_at < @To and ends_at > @From
         order by id
        """;

    public async Task<IReadOnlyList<RotaOverride>> OverlappingAsync(Interval range, CancellationToken ct) =>
        (await s.QueryAsync<Row>(OverlappingSql, new { From = range.Start, To = range.End }, ct)).Select(r => r.ToOverride()).ToList();

    public async Task<long> InsertAsync(RotaOverride o, string createdBy, Instant now, CancellationToken ct) =>
        await s.ScalarAsync<long>("""
            insert into rota_overrides (layer, staff_id, starts_at, ends_at, covering_for, created_by, created_at)
            values (@Layer, @StaffId, @Start, @End, @CoveringFor, @createdBy, @now)
            returning id
            """, new { Layer = o.Layer.ToString(), o.StaffId, o.Start, o.End, o.CoveringFor, createdBy, now }, ct);

    public async Task<bool> CancelAsync(long id, string cancelledBy, Instant now, CancellationToken ct) =>
        await s.ExecuteAsync("update rota_overrides set cancelled_at = @now, cancelled_by = @cancelledBy where id = @id and cancelled_at is null",
            new { id, now, cancelledBy }, ct) == 1;
}
