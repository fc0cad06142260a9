using System.Text.Json;
using Dapper;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;

namespace ResponseBot.Store;

public sealed class CaseStore(NpgsqlDataSource db) : ICaseStore
{
    public async Task<IngestResult> IngestAsync(Mention m, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            insert into cases (account_id, external_id, author_handle, author_name, author_url, text, url, created_at, in_reply_to, received_at)
            values (@AccountId, @ExternalId, @Handle, @Name, @AuthorUrl, @Text, @Url, @CreatedAt, @InReplyTo, @now)
            on conflict (account_id, external_id) do nothing
            returning id
            """, new { m.AccountId, m.ExternalId, m.Author.Handle, m.Author.Name, AuthorUrl = m.Author.Url, m.Text, m.Url, m.CreatedAt, m.InReplyTo, now }, tx, cancellationToken: ct));
        if (id is null)
        {
            var existing = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "select id from cases where account_id = @AccountId and external_id = @ExternalId",
                new { m.AccountId, m.ExternalId }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new IngestResult(existing, Created: false);
        }

        await Sql.LogAsync(conn, tx, DecisionEntry.System(id, now, DecisionActions.Received,
            JsonSerializer.Serialize(new { account = m.AccountId, externalId = m.ExternalId }), m.Text), ct);
        await Sql.LockRoutingAsync(conn, tx, ct);
        var onCall = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select staff_id from on_call where ended_at is null", transaction: tx, cancellationToken: ct));
        if (onCall is not null)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCard, id, onCall, null, now, ct);
        await tx.CommitAsync(ct);
        return new IngestResult(id.Value, Created: true);
    }

    public async Task<CaseRecord?> GetAsync(long caseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            "select * from cases where id = @caseId", new { caseId }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task<bool> TryApproveAsync(long caseId, int expectedVersion, StaffMember actor, CaseDecision.Publish decision, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var won = await conn.ExecuteAsync(new CommandDefinition("""
            update cases
               set state = 'Publishing', version = version + 1, reply_text = @ReplyText,
                   decided_by_id = @ActorId, decided_by_name = @ActorName, decided_at = @now, failure_reason = null
             where id = @caseId and version = @expectedVersion and state = any(@Actionable)
            """, new { caseId, expectedVersion, decision.ReplyText, ActorId = actor.Id, ActorName = actor.Name, now, CaseStates.Actionable },
            tx, cancellationToken: ct)) == 1;
        if (!won) return false;

        await Sql.LogAsync(conn, tx, new DecisionEntry(caseId, now, actor.Id, actor.Name, decision.Action,
            TextBefore: decision.EditedFrom, TextAfter: decision.ReplyText), ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.PublishReply, caseId, null, null, now, ct);
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCardUpdate, caseId, null, null, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task MarkPublishedAsync(long caseId, string? platformReplyId, DateTimeOffset now, CancellationToken ct) =>
        FinishPublishAsync(caseId, "Sent", """
            published_at = @now, platform_reply_id = @platformReplyId
            """, DecisionEntry.System(caseId, now, DecisionActions.Published, JsonSerializer.Serialize(new { platformReplyId })),
            new { caseId, now, platformReplyId }, ct);

    public Task MarkPublishFailedAsync(long caseId, string reason, DateTimeOffset now, CancellationToken ct) =>
        FinishPublishAsync(caseId, "Failed", "failure_reason = @reason",
            DecisionEntry.System(caseId, now, DecisionActions.PublishFailed, JsonSerializer.Serialize(new { reason })),
            new { caseId, now, reason }, ct);

    private async Task FinishPublishAsync(long caseId, string state, string set, DecisionEntry entry, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Guarded on 'Publishing' so a late duplicate outcome can't rewrite a finished case.
        var changed = await conn.ExecuteAsync(new CommandDefinition(
            $"update cases set state = '{state}', version = version + 1, {set} where id = @caseId and state = 'Publishing'",
            args, tx, cancellationToken: ct));
        if (changed == 1)
        {
            await Sql.LogAsync(conn, tx, entry, ct);
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCardUpdate, caseId, null, null, entry.At, ct);
        }
        await tx.CommitAsync(ct);
    }

    public async Task<string?> RerouteAsync(long caseId, string unreachableStaffId, string reason, IReadOnlyList<string> candidates, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update staff set installed = false, updated_at = @now where staff_id = @unreachableStaffId", new { unreachableStaffId, now }, tx, cancellationToken: ct));
        // First candidate in order who is reachable and has never been offered this case.
        var next = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            select s.staff_id
              from unnest(@candidates::text[]) with ordinality as c(staff_id, rank)
              join staff s on s.staff_id = c.staff_id and s.installed
             where c.staff_id <> @unreachableStaffId
               and not exists (select 1 from case_cards cc where cc.case_id = @caseId and cc.staff_id = c.staff_id)
               and not exists (select 1 from outbox o where o.kind = @Kind and o.case_id = @caseId and o.recipient = c.staff_id)
             order by c.rank
             limit 1
            """, new { candidates = candidates.ToArray(), unreachableStaffId, caseId, Kind = OutboxKinds.CaseCard }, tx, cancellationToken: ct));
        var open = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select state = any(@Actionable) from cases where id = @caseId", new { caseId, CaseStates.Actionable }, tx, cancellationToken: ct));
        if (next is not null && open)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCard, caseId, next, null, now, ct);
        await Sql.LogAsync(conn, tx, DecisionEntry.System(caseId, now, DecisionActions.Undeliverable,
            JsonSerializer.Serialize(new { staffId = unreachableStaffId, reason, reroutedTo = open ? next : null })), ct);
        await tx.CommitAsync(ct);
        return open ? next : null;
    }

    public async Task RecordCardPostedAsync(long caseId, PostedCard card, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into case_cards (case_id, staff_id, service_url, conversation_id, message_id, posted_at)
            values (@caseId, @StaffId, @ServiceUrl, @ConversationId, @MessageId, @now)
            on conflict (case_id, staff_id) do update
               set service_url = excluded.service_url, conversation_id = excluded.conversation_id,
                   message_id = excluded.message_id, posted_at = excluded.posted_at
            """, new { caseId, card.StaffId, card.ServiceUrl, card.ConversationId, card.MessageId, now }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "update cases set state = 'Notified' where id = @caseId and state = 'New'", new { caseId }, tx, cancellationToken: ct));
        await Sql.LogAsync(conn, tx, DecisionEntry.System(caseId, now, DecisionActions.Notified,
            JsonSerializer.Serialize(new { staffId = card.StaffId, messageId = card.MessageId })), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<PostedCard>> GetPostedCardsAsync(long caseId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<PostedCard>(new CommandDefinition("""
            select staff_id as StaffId, service_url as ServiceUrl, conversation_id as ConversationId, message_id as MessageId
              from case_cards where case_id = @caseId order by posted_at
            """, new { caseId }, cancellationToken: ct));
        return rows.ToList();
    }
}
