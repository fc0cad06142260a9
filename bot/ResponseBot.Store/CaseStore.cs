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
    public async Task<IngestResult> IngestAsync(Mention m, IReadOnlyList<string> flags, DateTimeOffset respondBy, CaseRouting routing, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            insert into cases (account_id, external_id, author_handle, author_name, author_url, text, url, created_at, in_reply_to, received_at, flags, respond_by)
            values (@AccountId, @ExternalId, @Handle, @Name, @AuthorUrl, @Text, @Url, @CreatedAt, @InReplyTo, @now, @Flags, @respondBy)
            on conflict (account_id, external_id) do nothing
            returning id
            """, new { m.AccountId, m.ExternalId, m.Author.Handle, m.Author.Name, AuthorUrl = m.Author.Url, m.Text, m.Url, m.CreatedAt, m.InReplyTo, now,
                Flags = flags.ToArray(), respondBy }, tx, cancellationToken: ct));
        if (id is null)
        {
            var existing = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "select id from cases where account_id = @AccountId and external_id = @ExternalId",
                new { m.AccountId, m.ExternalId }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new IngestResult(existing, Created: false);
        }

        await Sql.LogAsync(conn, tx, DecisionEntry.System(id, now, DecisionActions.Received,
            JsonSerializer.Serialize(new { account = m.AccountId, externalId = m.ExternalId, flags }), m.Text, toState: nameof(CaseState.New)), ct);
        await Sql.LockRoutingAsync(conn, tx, ct);
        // Read under the routing lock so a takeover committing at the same moment is either seen here or,
        // if it commits after, hands this case to the new officer itself.
        var onCall = await Sql.TakeoverAsync(conn, tx, DutyRole.Officer, now, ct) ?? routing.RotaPrimary;
        foreach (var recipient in (onCall is null ? routing.AlsoNotify : routing.AlsoNotify.Prepend(onCall)).Distinct())
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCard, id, recipient, null, now, ct);
        await Sql.StartEscalationAsync(conn, tx, id.Value, EscalationKind.Acknowledge, routing.AcknowledgeBy, now, ct);
        if (routing.HoldingReply is { } holding)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.HoldingReply, id, null, holding, now, ct);
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

    public async Task<CaseRecord?> FindByPostAsync(string accountId, string postId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QueryFirstOrDefaultAsync<CaseRow>(new CommandDefinition("""
            select * from cases
             where account_id = @accountId and (external_id = @postId or platform_reply_id = @postId or holding_reply_id = @postId)
             order by id limit 1
            """, new { accountId, postId }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task LogRefusalAsync(long caseId, StaffMember actor, string verb, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.LogAsync(conn, tx, new DecisionEntry(caseId, now, actor.Id, actor.Name, DecisionActions.Refused,
            Detail: JsonSerializer.Serialize(new { verb }), Reason: reason), ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> TryApplyAsync(long caseId, int expectedVersion, CaseState expectedState, StaffMember actor, CaseOutcome.Transition t, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The version guard is what makes "two people act at once, exactly one wins" hold across instances.
        var won = await conn.ExecuteAsync(new CommandDefinition("""
            update cases
               set state = @State, version = @Version, draft_text = @DraftText,
                   drafted_by_id = @DraftedById, drafted_by_name = @DraftedByName, drafted_at = @DraftedAt,
                   reply_text = @ReplyText,
                   approved_by_id = @ApprovedById, approved_by_name = @ApprovedByName, approved_at = @ApprovedAt,
                   decided_by_id = @DecidedById, decided_by_name = @DecidedByName, decided_at = @DecidedAt,
                   reason = @Reason, claimed_by_id = @ClaimedById, claimed_by_name = @ClaimedByName, claimed_at = @ClaimedAt,
                   scheduled_for = @ScheduledFor, reopen_state = @ReopenState, failure_reason = @FailureReason
             where id = @Id and version = @ExpectedVersion
            """, Merge(CaseRow.Parameters(t.After), expectedVersion), tx, cancellationToken: ct)) == 1;
        if (!won) return false;

        await Sql.LogAsync(conn, tx, new DecisionEntry(caseId, now, actor.Id, actor.Name, t.Log.Action, t.Log.TextBefore, t.Log.TextAfter,
            FromState: expectedState.ToString(), ToState: t.After.State.ToString(), Reason: t.Log.Reason), ct);
        foreach (var effect in t.Effects)
        {
            switch (effect)
            {
                case CaseEffect.PublishAt p:
                    await conn.ExecuteAsync(new CommandDefinition("""
                        insert into outbox (kind, case_id, created_at, due_at) values (@Kind, @caseId, @now, @Due)
                        """, new { Kind = OutboxKinds.PublishReply, caseId, now, p.Due }, tx, cancellationToken: ct));
                    break;
                case CaseEffect.CancelPublish:
                    await conn.ExecuteAsync(new CommandDefinition("""
                        update outbox set done_at = @now, last_error = 'cancelled: undone'
                         where case_id = @caseId and kind = @Kind and done_at is null and failed_at is null
                        """, new { Kind = OutboxKinds.PublishReply, caseId, now }, tx, cancellationToken: ct));
                    break;
                case CaseEffect.CardTo to:
                    foreach (var staffId in to.StaffIds)
                        await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCard, caseId, staffId, null, now, ct);
                    break;
                case CaseEffect.TextTo text:
                    await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, caseId, text.StaffId, text.Text, now, ct);
                    break;
                case CaseEffect.EscalateIfIdle timer:
                    await Sql.StartEscalationAsync(conn, tx, caseId, timer.Kind, timer.Due, now, ct);
                    break;
            }
        }
        await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCardUpdate, caseId, null, null, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static DynamicParameters Merge(object values, int expectedVersion)
    {
        var p = new DynamicParameters(values);
        p.Add("ExpectedVersion", expectedVersion);
        return p;
    }

    public async Task<CaseRecord?> TryBeginPublishAsync(long caseId, long outboxId, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The undo window closes here: an undo and this step race on the row, and only one can win.
        var row = await conn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition("""
            update cases set state = 'Publishing', version = version + 1, publish_outbox_id = @outboxId
             where id = @caseId and state = 'Scheduled' and scheduled_for <= @now
            returning *
            """, new { caseId, outboxId, now }, tx, cancellationToken: ct));
        if (row is not null)
            await Sql.LogAsync(conn, tx, DecisionEntry.System(caseId, now, DecisionActions.Publishing, fromState: "Scheduled", toState: "Publishing"), ct);
        else
            row = await conn.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
                "select * from cases where id = @caseId and state = 'Publishing' and publish_outbox_id = @outboxId",
                new { caseId, outboxId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row?.ToRecord();
    }

    public Task MarkPublishedAsync(long caseId, string? platformReplyId, string? platformReplyUrl, DateTimeOffset now, CancellationToken ct) =>
        FinishPublishAsync(caseId, CaseState.Sent, "published_at = @now, platform_reply_id = @platformReplyId, platform_reply_url = @platformReplyUrl",
            DecisionEntry.System(caseId, now, DecisionActions.Published, JsonSerializer.Serialize(new { platformReplyId, platformReplyUrl }),
                fromState: "Publishing", toState: "Sent"),
            new { caseId, now, platformReplyId, platformReplyUrl }, ct);

    public Task MarkPublishFailedAsync(long caseId, string reason, DateTimeOffset now, CancellationToken ct) =>
        FinishPublishAsync(caseId, CaseState.Failed, "failure_reason = @reason",
            DecisionEntry.System(caseId, now, DecisionActions.PublishFailed, fromState: "Publishing", toState: "Failed", reason: reason),
            new { caseId, now, reason }, ct);

    private async Task FinishPublishAsync(long caseId, CaseState state, string set, DecisionEntry entry, object args, CancellationToken ct)
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

    public async Task RecordHoldingReplyAsync(long caseId, string text, string? platformReplyId, string? failure, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (failure is null)
            await conn.ExecuteAsync(new CommandDefinition(
                "update cases set holding_reply_id = @platformReplyId where id = @caseId", new { caseId, platformReplyId }, tx, cancellationToken: ct));
        await Sql.LogAsync(conn, tx, DecisionEntry.System(caseId, now, failure is null ? DecisionActions.HoldingReplySent : DecisionActions.HoldingReplyFailed,
            JsonSerializer.Serialize(new { platformReplyId }), textAfter: text, reason: failure), ct);
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
        var wasNew = await conn.ExecuteAsync(new CommandDefinition(
            "update cases set state = 'Notified' where id = @caseId and state = 'New'", new { caseId }, tx, cancellationToken: ct)) == 1;
        await Sql.LogAsync(conn, tx, DecisionEntry.System(caseId, now, DecisionActions.Notified,
            JsonSerializer.Serialize(new { staffId = card.StaffId, messageId = card.MessageId }),
            fromState: wasNew ? "New" : null, toState: wasNew ? "Notified" : null), ct);
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
