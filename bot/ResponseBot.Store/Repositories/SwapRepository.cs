using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store.Repositories;

internal sealed class SwapRepository(Session s) : ISwapRepository
{
    private sealed record Row(Guid Id, string Layer, string RequesterId, Instant StartsAt, Instant EndsAt, string Status, string? TakenBy, string? DecidedBy,
        long? OverrideId);

    // One live request per shift: a second one for the same shift while the first is open or taken is refused by the index.
    public async Task<bool> InsertAsync(SwapRequest r, Instant now, CancellationToken ct) =>
        await s.ExecuteAsync("""
            insert into swap_requests (id, layer, requester_id, starts_at, ends_at, status, created_at)
            values (@Id, @Layer, @RequesterId, @Start, @End, @Status, @now)
            on conflict (layer, requester_id, starts_at) where status in ('Open', 'Taken') do nothing
            """, new { r.Id, Layer = r.Layer.ToString(), r.RequesterId, r.Start, r.End, Status = r.Status.ToString(), now }, ct) == 1;

    public async Task<SwapRequest?> GetAsync(Guid id, CancellationToken ct) =>
        await s.SingleOrDefaultAsync<Row>("""
            select id as Id, layer as Layer, requester_id as RequesterId, starts_at as StartsAt, ends_at as EndsAt, status as Status,
                   taken_by as TakenBy, decided_by as DecidedBy, override_id as OverrideId
              from swap_requests where id = @id
            """, new { id }, ct) is { } row
            ? new SwapRequest(row.Id, Enum.Parse<Layer>(row.Layer), row.RequesterId, row.StartsAt, row.EndsAt, Enum.Parse<SwapStatus>(row.Status))
                { TakenBy = row.TakenBy, DecidedBy = row.DecidedBy, OverrideId = row.OverrideId }
            : null;

    // Guarded on the status it was decided on: of two people pressing "I'll cover" at once, exactly one takes it.
    public async Task<bool> SaveAsync(SwapRequest after, SwapStatus expected, Instant now, CancellationToken ct) =>
        await s.ExecuteAsync("""
            update swap_requests
               set status = @Status,
                   taken_at = case when taken_by is distinct from @TakenBy then @now else taken_at end, taken_by = @TakenBy,
                   decided_at = case when decided_by is distinct from @DecidedBy then @now else decided_at end, decided_by = @DecidedBy,
                   override_id = @OverrideId
             where id = @Id and status = @Expected
            """, new { after.Id, Status = after.Status.ToString(), after.TakenBy, after.DecidedBy, after.OverrideId, Expected = expected.ToString(), now }, ct) == 1;
}
