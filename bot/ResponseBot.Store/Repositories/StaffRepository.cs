using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Store.Repositories;

internal sealed class StaffRepository(Session s) : IStaffRepository
{
    // xmax = 0 only on a freshly inserted row: tells "first time we hear of them" in one round trip.
    // Every activity carries the address; it rarely changes. An unchanged one is only read: an upsert would lock the
    // person's row until commit, so each of their clicks would wait for the one before it to reach the disk.
    /// <summary>Saves @StaffId's address (parameters named as <see cref="ChatAddress"/>'s members) unless unchanged; one row,
    /// true, the first time the person is heard of.</summary>
    internal const string SaveAddressSql = """
        insert into staff (staff_id, staff_name, channel_user_id, tenant_id, service_url, bot_id, conversation_id, installed, first_seen_at, updated_at)
        select @StaffId, @StaffName, @ChannelUserId, @TenantId, @ServiceUrl, @BotId, @ConversationId, true, @now, @now
         where not exists (
            select 1 from staff
             where staff_id = @StaffId and installed and coalesce(nullif(@StaffName, ''), staff_name) = staff_name
               and channel_user_id is not distinct from @ChannelUserId and tenant_id is not distinct from @TenantId
               and service_url is not distinct from @ServiceUrl and bot_id is not distinct from @BotId
               and coalesce(@ConversationId, conversation_id) is not distinct from conversation_id)
        on conflict (staff_id) do update
           set staff_name = coalesce(nullif(excluded.staff_name, ''), staff.staff_name), channel_user_id = excluded.channel_user_id,
               tenant_id = excluded.tenant_id, service_url = excluded.service_url, bot_id = excluded.bot_id,
               conversation_id = coalesce(excluded.conversation_id, staff.conversation_id),
               installed = true, updated_at = excluded.updated_at
        returning (xmax = 0)
        """;

    public async Task<bool> SaveAddressAsync(ChatAddress a, Instant now, CancellationToken ct) =>
        await s.ScalarAsync<bool>(SaveAddressSql, AddressArgs(a, now), ct);

    internal static object AddressArgs(ChatAddress a, Instant now) => new { a.StaffId, a.StaffName, a.ChannelUserId, a.TenantId, a.ServiceUrl, a.BotId, a.ConversationId, now };

    public Task MarkUninstalledAsync(string staffId, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("update staff set installed = false, updated_at = @now where staff_id = @staffId", new { staffId, now }, ct);

    public Task<ChatAddress?> FindAddressAsync(string staffId, CancellationToken ct) =>
        s.SingleOrDefaultAsync<ChatAddress>("""
            select staff_id as StaffId, staff_name as StaffName, channel_user_id as ChannelUserId, tenant_id as TenantId,
                   service_url as ServiceUrl, bot_id as BotId, conversation_id as ConversationId
              from staff where staff_id = @staffId and installed
            """, new { staffId }, ct);

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> staffIds, CancellationToken ct) =>
        (await s.QueryAsync<(string StaffId, string StaffName)>("select staff_id, staff_name from staff where staff_id = any(@ids) and staff_name <> ''",
            new { ids = staffIds.Distinct().ToArray() }, ct)).ToDictionary(r => r.StaffId, r => r.StaffName);

    public Task<IReadOnlyList<string>> ReachableAsync(IReadOnlyList<string> staffIds, CancellationToken ct) =>
        s.QueryAsync<string>("""
            select s.staff_id
              from unnest(@ids::text[]) with ordinality as c(staff_id, rank)
              join staff s on s.staff_id = c.staff_id and s.installed
             order by c.rank
            """, new { ids = staffIds.ToArray() }, ct);

    public async Task<IReadOnlyDictionary<string, string>> ChannelUserIdsAsync(IReadOnlyList<string> staffIds, CancellationToken ct) =>
        (await s.QueryAsync<(string StaffId, string ChannelUserId)>("select staff_id, channel_user_id from staff where staff_id = any(@ids) and installed",
            new { ids = staffIds.Distinct().ToArray() }, ct)).ToDictionary(r => r.StaffId, r => r.ChannelUserId);
}
