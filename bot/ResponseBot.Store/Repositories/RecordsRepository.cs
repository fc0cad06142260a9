using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Records;

namespace ResponseBot.Store.Repositories;

internal sealed class RecordsRepository(Session s) : IRecordsRepository
{
    private sealed record Row(long Id, string AccountId, string AuthorName, string AuthorHandle, string? AuthorUrl, string Text, string? Url,
        string? ParentAuthor, string? ParentText, string? DraftText, string? ReplyText, bool LeadsStorm, bool AuthorRedacted, bool ContentRedacted)
    {
        public PersonalCase Case => new(Id, AccountId, AuthorName, AuthorHandle, AuthorUrl, Text, Url, ParentAuthor, ParentText, DraftText, ReplyText, LeadsStorm,
            (AuthorRedacted ? PersonalData.Author : PersonalData.None) | (ContentRedacted ? PersonalData.Content : PersonalData.None));
    }

    private const string Columns = """
        id as Id, account_id as AccountId, author_name as AuthorName, author_handle as AuthorHandle, author_url as AuthorUrl, text as Text,
        url as Url, parent_author as ParentAuthor, parent_text as ParentText, draft_text as DraftText, reply_text as ReplyText,
        leads_storm as LeadsStorm, author_redacted_at is not null as AuthorRedacted, content_redacted_at is not null as ContentRedacted
        """;

    private const string Pending = "exists (select 1 from outbox o where o.case_id = c.id and o.kind = any(@postingKinds) and o.done_at is null and o.failed_at is null)";

    public async Task<IReadOnlyList<PersonalCase>> DueAsync(PersonalData what, Instant before, IReadOnlyCollection<string> finishedStates, int limit, CancellationToken ct) =>
        (await s.QueryAsync<Row>($"""
            select {Columns} from cases c
             where c.received_at < @before and c.state = any(@finishedStates) and not {Pending}
               and c.{(what == PersonalData.Author ? "author_redacted_at" : "content_redacted_at")} is null
             order by c.received_at, c.id
             limit @limit
             for update skip locked
            """, new { before, finishedStates = finishedStates.ToArray(), limit, postingKinds = Redaction.PostingKinds.ToArray() }, ct)).Select(r => r.Case).ToList();

    public Task<IReadOnlyList<long>> UnfinishedAsync(IReadOnlyCollection<long> caseIds, IReadOnlyCollection<string> finishedStates, CancellationToken ct) =>
        s.QueryAsync<long>($"""
            select c.id from cases c where c.id = any(@caseIds) and (c.state <> all(@finishedStates) or {Pending}) order by c.id
            """, new { caseIds = caseIds.ToArray(), finishedStates = finishedStates.ToArray(), postingKinds = Redaction.PostingKinds.ToArray() }, ct);

    public async Task<IReadOnlyList<PersonalCase>> ByHandleAsync(IReadOnlyCollection<string> accountIds, string handle, bool forUpdate, CancellationToken ct) =>
        (await s.QueryAsync<Row>($"""
            select {Columns} from cases
             where account_id = any(@accountIds) and lower(author_handle) in (lower(@bare), lower('@' || @bare))
             order by received_at, id
            {(forUpdate ? "for update" : "")}
            """, new { accountIds = accountIds.ToArray(), bare = handle.TrimStart('@') }, ct)).Select(r => r.Case).ToList();

    public Task SaveAsync(RedactedCase c, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            update cases set author_name = @AuthorName, author_handle = @AuthorHandle, author_url = @AuthorUrl, text = @Text, url = @Url,
                   parent_author = @ParentAuthor, parent_text = @ParentText, draft_text = @DraftText, reply_text = @ReplyText,
                   author_redacted_at  = case when @Author then coalesce(author_redacted_at, @now) end,
                   content_redacted_at = case when @Content then coalesce(content_redacted_at, @now) end
             where id = @Id
            """, new
            {
                c.Id, c.AuthorName, c.AuthorHandle, c.AuthorUrl, c.Text, c.Url, c.ParentAuthor, c.ParentText, c.DraftText, c.ReplyText, now,
                Author = c.Redacted.HasFlag(PersonalData.Author), Content = c.Redacted.HasFlag(PersonalData.Content),
            }, ct);

    public Task<int> RedactLogAsync(long redactionId, IReadOnlyList<string> terms, IReadOnlyList<string> dropActions, CancellationToken ct) =>
        s.ScalarAsync<int>("select redact_decision_log(@redactionId, @terms, @dropActions)",
            new { redactionId, terms = terms.ToArray(), dropActions = dropActions.ToArray() }, ct);

    public async Task ForgetCopiesAsync(long caseId, bool leadsStorm, CancellationToken ct)
    {
        await s.ExecuteAsync("update outbox set payload = null where case_id = @caseId and payload is not null and (done_at is not null or failed_at is not null)",
            new { caseId }, ct);
        if (leadsStorm)
            await s.ExecuteAsync("update storms set signature = @Mask where lead_case_id = @caseId", new { caseId, Redaction.Mask }, ct);
    }

    public async Task<IReadOnlyList<ExportCase>> ExportAsync(Instant? from, Instant? to, IReadOnlyCollection<string>? accountIds, IReadOnlyCollection<long>? caseIds, CancellationToken ct)
    {
        var cases = await s.QueryAsync<ExportCase>("""
            select id as Id, account_id as AccountId, external_id as ExternalId, created_at as CreatedAt, received_at as ReceivedAt,
                   author_name as AuthorName, author_handle as AuthorHandle, author_url as AuthorUrl, text as Text, url as Url,
                   in_reply_to as InReplyTo, parent_author as ParentAuthor, parent_text as ParentText, thread_case_id as ThreadCaseId,
                   state as State, array_to_string(flags, ';') as Flags, array_to_string(tags, ';') as Tags, respond_by as RespondBy,
                   claimed_by_name as ClaimedBy, claimed_at as ClaimedAt, draft_text as DraftText, drafted_by_name as DraftedBy, drafted_at as DraftedAt,
                   approved_by_name as ApprovedBy, approved_at as ApprovedAt, decided_by_name as DecidedBy, decided_at as DecidedAt, reason as Reason,
                   reply_text as ReplyText, published_at as PublishedAt, platform_reply_id as PlatformReplyId, platform_reply_url as PlatformReplyUrl,
                   holding_reply_id as HoldingReplyId, hidden_by_name as HiddenBy, hidden_at as HiddenAt, storm_id as StormId,
                   author_redacted_at as AuthorRedactedAt, content_redacted_at as ContentRedactedAt
              from cases
             where (@from::timestamptz is null or received_at >= @from) and (@to::timestamptz is null or received_at < @to)
               and (@accountIds::text[] is null or account_id = any(@accountIds)) and (@caseIds::bigint[] is null or id = any(@caseIds))
             order by received_at, id
            """, new { from, to, accountIds = accountIds?.ToArray(), caseIds = caseIds?.ToArray() }, ct);
        if (cases.Count == 0) return cases;
        var log = (await s.QueryAsync<ExportDecision>("""
            select case_id as CaseId, id as Id, seq as Seq, at as At, actor_id as ActorId, actor_name as ActorName, action as Action,
                   from_state as FromState, to_state as ToState, reason as Reason, text_before as TextBefore, text_after as TextAfter,
                   detail::text as Detail, card_version as CardVersion, redacted_by is not null as Redacted
              from decision_log where case_id = any(@ids) order by case_id, id
            """, new { ids = cases.Select(c => c.Id).ToArray() }, ct)).ToLookup(d => d.CaseId);
        return cases.Select(c => c with { Decisions = log[c.Id].ToList() }).ToList();
    }
}
