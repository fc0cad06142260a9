using System.Text.Json;
using Dapper;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;

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

    public async Task<StaffMember?> GetOnCallAsync(DutyRole role, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<StaffMember>(new CommandDefinition(
            "select staff_id as Id, staff_name as Name from on_call where ended_at is null and role = @Role", new { Role = Role(role) }, cancellationToken: ct));
    }

    private static string Role(DutyRole role) => role == DutyRole.Manager ? "manager" : "officer";

    // What each role is handed when it comes on duty: officers everything open, managers what waits for them.
    private static string[] StatesFor(DutyRole role) => role == DutyRole.Manager
        ? [nameof(CaseState.AwaitingApproval), nameof(CaseState.Escalated)]
        : CaseStates.Actionable;

    public async Task<OnCallChange> GoOnCallAsync(StaffMember staff, DutyRole role, DateTimeOffset now, Func<OnCallChange, OnCallNotices> notices, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.LockRoutingAsync(conn, tx, ct);
        var previous = await conn.QuerySingleOrDefaultAsync<StaffMember>(new CommandDefinition(
            "select staff_id as Id, staff_name as Name from on_call where ended_at is null and role = @Role", new { Role = Role(role) }, tx, cancellationToken: ct));
        if (previous?.Id != staff.Id)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "update on_call set ended_at = @now where ended_at is null and role = @Role", new { now, Role = Role(role) }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "insert into on_call (staff_id, staff_name, started_at, role) values (@Id, @Name, @now, @Role)",
                new { staff.Id, staff.Name, now, Role = Role(role) }, tx, cancellationToken: ct));
            await Sql.LogAsync(conn, tx, new DecisionEntry(null, now, staff.Id, staff.Name, DecisionActions.WentOnCall,
                Detail: JsonSerializer.Serialize(new { role = Role(role), previous = previous?.Id })), ct);
        }

        // Everything still open that this officer has no card for: a mention kept while nobody
        // was on call, or one the previous officer was holding.
        var queued = await conn.ExecuteAsync(new CommandDefinition("""
            insert into outbox (kind, case_id, recipient, created_at, due_at)
            select @Kind, c.id, @StaffId, @now, @now
              from cases c
             where c.state = any(@States)
               and not exists (select 1 from case_cards cc where cc.case_id = c.id and cc.staff_id = @StaffId)
               and not exists (select 1 from outbox o where o.kind = @Kind and o.case_id = c.id and o.recipient = @StaffId
                                                       and o.done_at is null and o.failed_at is null)
             order by c.received_at
            """, new { Kind = OutboxKinds.CaseCard, StaffId = staff.Id, now, States = StatesFor(role) }, tx, cancellationToken: ct));

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
        var ended = await conn.ExecuteAsync(new CommandDefinition(
            "update on_call set ended_at = @now where ended_at is null and staff_id = @Id", new { now, staff.Id }, tx, cancellationToken: ct)) > 0;
        if (ended)
            await Sql.LogAsync(conn, tx, new DecisionEntry(null, now, staff.Id, staff.Name, DecisionActions.WentOffCall), ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, null, staff.Id, confirmation(ended), now, ct);
        await tx.CommitAsync(ct);
        return ended;
    }
}
