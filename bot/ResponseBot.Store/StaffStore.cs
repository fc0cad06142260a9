using System.Text.Json;
using Dapper;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;
using NodaTime;

namespace ResponseBot.Store;

public sealed class StaffStore(NpgsqlDataSource db) : IStaffStore
{
    public async Task<bool> SaveAddressAsync(ChatAddress a, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // xmax = 0 only on a freshly inserted row: tells "first time we hear of them" in one round trip.
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            insert into staff (staff_id, staff_name, channel_user_id, tenant_id, service_url, bot_id, conversation_id, installed, first_seen_at, updated_at)
            values (@StaffId, @StaffName, @ChannelUserId, @TenantId, @ServiceUrl, @BotId, @ConversationId, true, @now, @now)
            on conflict (staff_id) do update
               set staff_name = coalesce(nullif(excluded.staff_name, ''), staff.staff_name), channel_user_id = excluded.channel_user_id,
                   tenant_id = excluded.tenant_id, service_url = excluded.service_url, bot_id = excluded.bot_id,
                   conversation_id = coalesce(excluded.conversation_id, staff.conversation_id),
                   installed = true, updated_at = excluded.updated_at
            returning (xmax = 0)
            """, new { a.StaffId, a.StaffName, a.ChannelUserId, a.TenantId, a.ServiceUrl, a.BotId, a.ConversationId, now }, cancellationToken: ct));
    }

    public async Task MarkUninstalledAsync(string staffId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update staff set installed = false, updated_at = @now where staff_id = @staffId", new { staffId, now }, cancellationToken: ct));
    }

    public async Task<ChatAddress?> FindAddressAsync(string staffId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ChatAddress>(new CommandDefinition("""
            select staff_id as StaffId, staff_name as StaffName, channel_user_id as ChannelUserId, tenant_id as TenantId,
                   service_url as ServiceUrl, bot_id as BotId, conversation_id as ConversationId
              from staff where staff_id = @staffId and installed
            """, new { staffId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Takeover>> TakeoversAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string StaffId, string Role, DateTime StartedAt, DateTime? Until)>(new CommandDefinition("""
            select staff_id, role, started_at, until from on_call where ended_at is null and (until is null or until > @now)
            """, new { now }, cancellationToken: ct));
        return rows.Select(r => new Takeover(Sql.RoleOf(r.Role).Layer(), r.StaffId, Utc(r.StartedAt),
            r.Until is { } until ? Utc(until) : null)).ToList();
    }

    private static Instant Utc(DateTime t) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> staffIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string StaffId, string StaffName)>(new CommandDefinition(
            "select staff_id, staff_name from staff where staff_id = any(@ids) and staff_name <> ''", new { ids = staffIds.Distinct().ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.StaffId, r => r.StaffName);
    }

    private static string[] StatesFor(DutyRole role) => DutyStates.HandedTo(role.Layer());

    public async Task<OnCallChange> GoOnCallAsync(StaffMember staff, DutyRole role, DateTimeOffset now, DateTimeOffset? until, DateTimeOffset acknowledgeBy,
        Func<OnCallChange, OnCallNotices> notices, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.LockRoutingAsync(conn, tx, ct);
        // The previous holder is whoever the bot last announced for the layer: a takeover or the rota's.
        var layer = role.Layer().ToString();
        var previous = await conn.QuerySingleOrDefaultAsync<StaffMember>(new CommandDefinition("""
            select d.staff_id as Id, coalesce(s.staff_name, d.staff_id) as Name
              from duty_state d left join staff s on s.staff_id = d.staff_id
             where d.layer = @layer and d.staff_id is not null
            """, new { layer }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "update on_call set ended_at = @now where ended_at is null and role = @Role", new { now, Role = Sql.OnCallRole(role) }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into on_call (staff_id, staff_name, started_at, role, until) values (@Id, @Name, @now, @Role, @until)",
            new { staff.Id, staff.Name, now, Role = Sql.OnCallRole(role), until }, tx, cancellationToken: ct));
        await DutyStateStore.SetAsync(conn, tx, layer, staff.Id, now, ct);
        if (previous?.Id != staff.Id)
            await Sql.LogAsync(conn, tx, new DecisionEntry(null, now, staff.Id, staff.Name, DecisionActions.WentOnCall,
                Detail: JsonSerializer.Serialize(new { role = Sql.OnCallRole(role), previous = previous?.Id, until })), ct);

        var queued = await Sql.QueueOpenCasesAsync(conn, tx, staff.Id, StatesFor(role), now, ct);
        if (role == DutyRole.Officer && previous?.Id != staff.Id)
            await Sql.RestartAcknowledgeTimersAsync(conn, tx, acknowledgeBy, now, ct);

        var change = new OnCallChange(previous?.Id == staff.Id ? null : previous, queued);
        var text = notices(change);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, staff.Id, text.ToNewOfficer, now, ct);
        if (change.Previous is { } prev && text.ToPrevious is { } toPrevious)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, prev.Id, toPrevious, now, ct);
        await tx.CommitAsync(ct);
        return change;
    }

    public async Task<bool> GoOffCallAsync(StaffMember staff, DateTimeOffset now, Func<bool, string> confirmation, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.LockRoutingAsync(conn, tx, ct);
        var endedRoles = (await conn.QueryAsync<string>(new CommandDefinition(
            "update on_call set ended_at = @now where ended_at is null and staff_id = @Id and (until is null or until > @now) returning role",
            new { now, staff.Id }, tx, cancellationToken: ct))).ToList();
        var ended = endedRoles.Count > 0;
        // The layers whose takeover ended have nobody announced now: the shift-change job hands each to the rota's
        // holder, if any. Layers they hold by the rota itself are left alone.
        var layers = endedRoles.Select(r => Sql.RoleOf(r).Layer().ToString()).ToArray();
        await conn.ExecuteAsync(new CommandDefinition(
            "update duty_state set staff_id = null, since = @now where staff_id = @Id and layer = any(@layers)", new { now, staff.Id, layers }, tx, cancellationToken: ct));
        if (ended)
            await Sql.LogAsync(conn, tx, new DecisionEntry(null, now, staff.Id, staff.Name, DecisionActions.WentOffCall), ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, staff.Id, confirmation(ended), now, ct);
        await tx.CommitAsync(ct);
        return ended;
    }
}
