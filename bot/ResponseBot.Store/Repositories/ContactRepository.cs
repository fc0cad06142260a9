using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Store.Repositories;

internal sealed class ContactRepository(Session s) : IContactRepository
{
    public Task<StaffContact?> FindAsync(string staffId, CancellationToken ct) =>
        s.SingleOrDefaultAsync<StaffContact>("select staff_id as StaffId, email as Email, mobile as Mobile from staff_contacts where staff_id = @staffId",
            new { staffId }, ct);

    public async Task<IReadOnlyDictionary<string, StaffContact>> ForAsync(IReadOnlyList<string> staffIds, CancellationToken ct) =>
        (await s.QueryAsync<StaffContact>("select staff_id as StaffId, email as Email, mobile as Mobile from staff_contacts where staff_id = any(@ids)",
            new { ids = staffIds.ToArray() }, ct)).ToDictionary(c => c.StaffId, StringComparer.OrdinalIgnoreCase);

    // Only the channel's own column changes, so setting one never touches the other; a row left with neither goes.
    public async Task SaveAsync(string staffId, PageChannel channel, string? address, Instant now, CancellationToken ct)
    {
        var column = channel == PageChannel.Email ? "email" : "mobile";
        await s.ExecuteAsync($"""
            insert into staff_contacts (staff_id, {column}, updated_at) values (@staffId, @address, @now)
            on conflict (staff_id) do update set {column} = excluded.{column}, updated_at = excluded.updated_at
            """, new { staffId, address, now }, ct);
        await s.ExecuteAsync("delete from staff_contacts where staff_id = @staffId and email is null and mobile is null", new { staffId }, ct);
    }
}
