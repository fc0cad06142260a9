using System.Text.Json;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Store.Repositories;

internal sealed class CaseRepository(Session s) : ICaseRepository
{
    // One statement for the whole list, however long: the rows travel as one JSON array, and each created case's arrival is
    // logged by the same statement, so storing a batch costs one round trip before the commit. Routes are kept for the router.
    public async Task<IReadOnlyList<long?>> InsertAsync(IReadOnlyList<NewCase> cases, IReadOnlyList<DecisionEntry> arrivals, Instant receivedAt,
        CancellationToken ct)
    {
        if (arrivals.Count != cases.Count) throw new ArgumentException("one arrival per case, in the same order", nameof(arrivals));
        var rows = JsonSerializer.Serialize(cases.Select((c, n) => new
        {
            n, account_id = c.Mention.AccountId, external_id = c.Mention.ExternalId, author_handle = c.Mention.Author.Handle,
            author_name = c.Mention.Author.Name, author_url = c.Mention.Author.Url, text = c.Mention.Text, url = c.Mention.Url,
            created_at = Micro.Of(c.Mention.CreatedAt), in_reply_to = c.Mention.InReplyTo, flags = c.Triage.Flags,
            respond_by = Micro.Of(c.RespondBy), parent_author = c.Mention.Parent?.AuthorHandle, parent_text = c.Mention.Parent?.Text,
            tags = c.Triage.Tags, language = c.Triage.Language, suggested_template = c.Triage.Template,
            priority = (c.Triage.IsUrgent ? TriagePriority.Urgent : TriagePriority.Normal).ToString(), storm_keys = c.StormKeys,
            storm_bands = Storms.Bands(c.StormKeys), routes = c.Triage.Routes,
        }));
        var inserted = await s.QueryAsync<(long Id, string AccountId, string ExternalId)>($"""
            with input as (
                select * from jsonb_to_recordset(@rows::jsonb) as r(n int, account_id text, external_id text, author_handle text, author_name text,
                       author_url text, text text, url text, created_at timestamptz, in_reply_to text, flags text[], respond_by timestamptz,
                       parent_author text, parent_text text, tags text[], language text, suggested_template text, priority text, storm_keys int[],
                       storm_bands bigint[], routes text[])),
            inserted as (
                insert into cases (account_id, external_id, author_handle, author_name, author_url, text, url, created_at, in_reply_to, received_at, flags,
                                   respond_by, state, parent_author, parent_text, tags, language, suggested_template, priority, storm_keys, storm_bands, routes)
                select account_id, external_id, author_handle, author_name, author_url, text, url, created_at, in_reply_to, @receivedAt, flags,
                       respond_by, @State, parent_author, parent_text, tags, language, suggested_template, priority, storm_keys, storm_bands, routes
                  from input
                 order by account_id, external_id, n -- one order for every batch, so two holding the same mentions never deadlock
                on conflict (account_id, external_id) do nothing
                returning id, account_id, external_id),
            -- The same mention twice in the list: the first is the case, and only its arrival is logged.
            first as (
                select distinct on (account_id, external_id) n, account_id, external_id from input order by account_id, external_id, n),
            logged as (
                insert into decision_log ({DecisionLog.Columns})
                select i.id, {DecisionLog.ColumnsButCase} from inserted i
                  join first f on f.account_id = i.account_id and f.external_id = i.external_id
                  join jsonb_to_recordset(@arrivals::jsonb) as {DecisionLog.RowsType} on r.n = f.n
                 order by f.n)
            select id, account_id, external_id from inserted
            """, new { rows, arrivals = DecisionLog.Rows(arrivals), receivedAt, State = nameof(CaseState.New) }, ct);
        var ids = inserted.ToDictionary(r => (r.AccountId, r.ExternalId), r => r.Id);
        // The same mention twice in one list: the first is the case, the second already one.
        return cases.Select(c => ids.Remove((c.Mention.AccountId, c.Mention.ExternalId), out var id) ? id : (long?)null).ToList();
    }

    public async Task<IReadOnlyList<CaseToRoute>> UnroutedAsync(int limit, CancellationToken ct) =>
        (await s.QueryAsync<CaseRow>("select * from cases where routed_at is null order by id limit @limit for no key update", new { limit }, ct))
        .Select(r => r.ToRoute()).ToList();

    public async Task<long> FindIdAsync(string accountId, string externalId, CancellationToken ct) =>
        await s.ScalarAsync<long>("select id from cases where account_id = @accountId and external_id = @externalId", new { accountId, externalId }, ct);

    public async Task<IReadOnlyList<long>> FindIdsAsync(IReadOnlyList<Mention> mentions, CancellationToken ct) =>
        mentions.Count == 0 ? [] : await s.QueryAsync<long>("""
            select c.id from jsonb_to_recordset(@keys::jsonb) as k(n int, account_id text, external_id text)
              join cases c on c.account_id = k.account_id and c.external_id = k.external_id
             order by k.n
            """, new { keys = JsonSerializer.Serialize(mentions.Select((m, n) => new { n, account_id = m.AccountId, external_id = m.ExternalId })) }, ct);

    public async Task<CaseRecord?> GetAsync(long caseId, CancellationToken ct, bool forUpdate = false) =>
        // "No key update": writers of the case wait for each other, but rows that merely point at it (a refusal logged in
        // the decision log, an outbox message) don't wait for them.
        (await s.SingleOrDefaultAsync<CaseRow>(forUpdate ? GetForUpdateSql : GetSql, new { caseId }, ct))?.ToRecord();

    internal const string GetSql = "select * from cases where id = @caseId";
    internal const string GetForUpdateSql = GetSql + " for no key update";

    public async Task<CaseRecord?> FindByPostAsync(string accountId, string postId, CancellationToken ct) =>
        (await s.FirstOrDefaultAsync<CaseRow>("""
            select * from cases
             where account_id = @accountId and (external_id = @postId or platform_reply_id = @postId or holding_reply_id = @postId)
             order by id limit 1
            """, new { accountId, postId }, ct))?.ToRecord();

    public async Task<IReadOnlyDictionary<long, CaseRecord>> LastFromAuthorsAsync(IReadOnlyList<CaseToRoute> cases, CancellationToken ct)
    {
        var previous = await s.QueryAsync<(long ForCase, long Previous)>("""
            select m.id, p.id from jsonb_to_recordset(@rows::jsonb) as m(id bigint, account_id text, author_handle text)
              cross join lateral (select c.id from cases c
                                   where c.account_id = m.account_id and c.author_handle = m.author_handle and c.id < m.id
                                   order by c.received_at desc, c.id desc limit 1) p
            """, new { rows = JsonSerializer.Serialize(cases.Select(c => new { id = c.Id, account_id = c.Mention.AccountId, author_handle = c.Mention.Author.Handle })) }, ct);
        if (previous.Count == 0) return new Dictionary<long, CaseRecord>();
        var records = (await s.QueryAsync<CaseRow>("select * from cases where id = any(@ids)", new { ids = previous.Select(p => p.Previous).Distinct().ToArray() }, ct))
            .ToDictionary(r => r.Id, r => r.ToRecord());
        return previous.ToDictionary(p => p.ForCase, p => records[p.Previous]);
    }

    public Task<Instant?> LastHoldingReplyToAsync(string accountId, string authorHandle, CancellationToken ct) =>
        s.ScalarAsync<Instant?>("""
            select max(o.created_at) from outbox o join cases c on c.id = o.case_id
             where o.kind = @Kind and o.failed_at is null and c.account_id = @accountId and c.author_handle = @authorHandle
            """, new { accountId, authorHandle, Kind = OutboxKinds.HoldingReply }, ct);

    public Task<int> MarkRoutedAsync(IReadOnlyDictionary<long, long?> threads, Instant at, CancellationToken ct) =>
        s.ExecuteAsync("""
            update cases set routed_at = @at, thread_case_id = t.thread
              from unnest(@ids, @threadIds) as t(id, thread)
             where cases.id = t.id and cases.routed_at is null
            """, new { at, ids = threads.Keys.ToArray(), threadIds = threads.Values.ToArray() }, ct);

    /// <summary>The latest @limit other cases of case @caseId's conversation (its first case and every one joined to it).</summary>
    internal const string ThreadSql = """
        select t.id as Id, t.state as State, t.received_at as ReceivedAt
          from (select coalesce(thread_case_id, id) as id from cases where id = @caseId) root
          join cases t on t.id = root.id or t.thread_case_id = root.id
         where t.id <> @caseId
         order by t.id desc limit @limit
        """;

    internal sealed record ThreadRow(long Id, string State, Instant ReceivedAt)
    {
        public ConversationCase ToCase() => new(Id, Enum.Parse<CaseState>(State), ReceivedAt);
    }

    public async Task<IReadOnlyList<ConversationCase>> ThreadAsync(long caseId, int limit, CancellationToken ct) =>
        (await s.QueryAsync<ThreadRow>(ThreadSql, new { caseId, limit }, ct)).Select(r => r.ToCase()).ToList();

    // The version guard is what makes "two people act at once, exactly one wins" hold across instances.
    public async Task<bool> SaveAsync(CaseRecord after, int expectedVersion, CancellationToken ct) =>
        await s.ExecuteAsync("""
            update cases
               set state = @State, version = @Version, draft_text = @DraftText,
                   drafted_by_id = @DraftedById, drafted_by_name = @DraftedByName, drafted_at = @DraftedAt,
                   reply_text = @ReplyText,
                   approved_by_id = @ApprovedById, approved_by_name = @ApprovedByName, approved_at = @ApprovedAt,
                   decided_by_id = @DecidedById, decided_by_name = @DecidedByName, decided_at = @DecidedAt,
                   reason = @Reason, claimed_by_id = @ClaimedById, claimed_by_name = @ClaimedByName, claimed_at = @ClaimedAt,
                   acknowledged_by_id = @AcknowledgedById, acknowledged_by_name = @AcknowledgedByName, acknowledged_at = @AcknowledgedAt,
                   snoozed_by_id = @SnoozedById, snoozed_by_name = @SnoozedByName, snoozed_at = @SnoozedAt, snoozed_until = @SnoozedUntil,
                   scheduled_for = @ScheduledFor, reopen_state = @ReopenState, failure_reason = @FailureReason,
                   published_at = @PublishedAt, platform_reply_id = @PlatformReplyId, platform_reply_url = @PlatformReplyUrl,
                   publish_outbox_id = @PublishOutboxId, holding_reply_id = @HoldingReplyId,
                   text = @Text, flags = @Flags, tags = @Tags, edited_at = @EditedAt, deleted_at = @DeletedAt,
                   hidden_by_id = @HiddenById, hidden_by_name = @HiddenByName, hidden_at = @HiddenAt, hidden_reason = @HiddenReason
             where id = @Id and version = @ExpectedVersion
            """, CaseRow.Parameters(after, expectedVersion), ct) == 1;

    public Task<IReadOnlyList<long>> WithoutCardForAsync(string staffId, IReadOnlyList<CaseState> states, CancellationToken ct) =>
        s.QueryAsync<long>("""
            select c.id
              from cases c
             where c.state = any(@States) and (c.storm_id is null or c.leads_storm)
               and c.routed_at is not null -- the router sends a stored case's first cards, to whoever is on duty then
               and not exists (select 1 from case_cards cc where cc.case_id = c.id and cc.staff_id = @staffId)
               and not exists (select 1 from outbox o where o.kind = @Kind and o.case_id = c.id and o.recipient = @staffId
                                                       and o.done_at is null and o.failed_at is null)
             order by c.received_at, c.id
            """, new { staffId, States = Names(states), Kind = OutboxKinds.CaseCard }, ct);

    public async Task<IReadOnlyList<ListedCase>> ListAsync(string staffId, string? handle, int limit, CancellationToken ct)
    {
        var rows = await s.QueryAsync<CaseRow>("""
            select * from cases
             where (@handle::text is null and state = any(@Open)) or lower(ltrim(author_handle, '@')) = lower(@handle)
             order by received_at desc, id desc
             limit @limit
            """, new { handle = handle?.TrimStart('@'), limit, Open = CaseStates.Actionable.Select(x => x.ToString()).ToArray() }, ct);
        var ids = rows.Select(r => r.Id).ToArray();
        var holds = (await s.QueryAsync<long>("select case_id from case_cards where staff_id = @staffId and case_id = any(@ids)",
            new { staffId, ids }, ct)).ToHashSet();
        var escalated = (await s.QueryAsync<long>("select case_id from case_escalations where staff_id = @staffId and case_id = any(@ids)",
            new { staffId, ids }, ct)).ToHashSet();
        return rows.Select(r => new ListedCase(r.ToRecord(), holds.Contains(r.Id), escalated.Contains(r.Id))).ToList();
    }

    public Task<IReadOnlyList<long>> InStatesAsync(IReadOnlyList<CaseState> states, CancellationToken ct, bool unacknowledgedOnly = false) =>
        // A storm's other members are answered from its lead: they get no card and no timer of their own. A case not yet
        // routed gets its first card and timer from the router.
        s.QueryAsync<long>("""
            select id from cases where state = any(@States) and (not @unacknowledgedOnly or acknowledged_by_id is null)
               and (storm_id is null or leads_storm) and routed_at is not null order by id
            """,
            new { States = Names(states), unacknowledgedOnly }, ct);

    private static string[] Names(IReadOnlyList<CaseState> states) => states.Select(x => x.ToString()).ToArray();
}
