using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class CalendarFeedRepository(Session s) : ICalendarFeedRepository
{
    public Task SaveAsync(string staffId, byte[] tokenHash, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into calendar_feeds (staff_id, token_hash, created_at) values (@staffId, @tokenHash, @now)
            on conflict (staff_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at
            """, new { staffId, tokenHash, now }, ct);

    public Task<string?> FindStaffAsync(byte[] tokenHash, CancellationToken ct) =>
        s.ScalarAsync<string?>("select staff_id from calendar_feeds where token_hash = @tokenHash", new { tokenHash }, ct);
}
