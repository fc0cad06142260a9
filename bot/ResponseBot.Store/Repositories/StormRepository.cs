using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Store.Repositories;

internal sealed class StormRepository(Session s) : IStormRepository
{
    private const string Columns = """
        id as Id, lead_case_id as LeadCaseId, signature as Signature, last_at as LastAt, statement as Statement, dismiss_reason as DismissReason,
        decided_by_id as DecidedById, decided_by_name as DecidedByName, decided_at as DecidedAt
        """;

    public Task<IReadOnlyList<ActiveStorm>> ActiveAsync(string accountId, Instant since, CancellationToken ct) =>
        // A storm whose lead was closed without a decision for all (its author deleted it, someone dismissed it before the storm
        // began) takes no one else in: a member there would have no card and no timer.
        s.QueryAsync<ActiveStorm>($"""
            select {Columns} from storms
             where account_id = @accountId and last_at >= @since
               and (decided_at is not null
                    or exists (select 1 from cases c where c.id = storms.lead_case_id and c.state = any(@Open)))
             order by last_at desc limit 20
            """, new { accountId, since, Open = CaseStates.Actionable.Select(x => x.ToString()).ToArray() }, ct);

    // Read committed: a row another transaction held is checked again, as that transaction left it, once the lock is granted.
    public Task<IReadOnlyList<long>> LockLooseAsync(IReadOnlyList<long> caseIds, CancellationToken ct) =>
        s.QueryAsync<long>("""
            select id from cases
             where id = any(@ids) and storm_id is null and state in ('New', 'Notified')
             order by id
               for no key update
            """, new { ids = caseIds.ToArray() }, ct);

    private static readonly string[] Unabsorbed = [Flags.Emergency, Flags.PersonalData];

    // Only cases sharing a storm band (two storm keys) are worth comparing: an unlike mention reads none, however busy the
    // account. The candidates are found through the bands' index alone (materialized, so the planner can't walk the
    // account's recent cases instead), then narrowed. Their texts are read as they are found, in the same visit to each
    // row: on a busy night most candidates pass, and reading the texts again by id cost a third of the query. A case
    // stored but not yet routed isn't loose: it looks for its storm as it is routed.
    public Task<IReadOnlyList<LooseCase>> LooseAsync(string accountId, Instant since, IReadOnlyList<long> exceptCaseIds, IReadOnlyList<int> stormKeys, int limit, CancellationToken ct) =>
        s.QueryAsync<LooseCase>("""
            with sharing as materialized (
                select id, account_id, received_at, flags, text from cases
                 where storm_bands && @bands and storm_id is null and state in ('New', 'Notified') and routed_at is not null)
            select id as Id, text as Text, received_at as ReceivedAt from sharing
             where account_id = @accountId and received_at >= @since and id <> all(@exceptCaseIds) and not flags && @Unabsorbed
             order by received_at desc, id desc limit @limit
            """, new { accountId, since, exceptCaseIds = exceptCaseIds.ToArray(), bands = Storms.Bands(stormKeys).ToArray(), limit, Unabsorbed }, ct);

    public async Task<long> StartAsync(string accountId, long leadCaseId, string signature, IReadOnlyList<long> members, Instant now, CancellationToken ct)
    {
        var id = await s.ScalarAsync<long>("""
            insert into storms (account_id, lead_case_id, signature, started_at, last_at, members)
            values (@accountId, @leadCaseId, @signature, @now, @now, @count) returning id
            """, new { accountId, leadCaseId, signature, now, count = members.Count }, ct);
        await s.ExecuteAsync("update cases set storm_id = @id, leads_storm = (id = @leadCaseId) where id = any(@ids)",
            new { id, leadCaseId, ids = members.ToArray() }, ct);
        return id;
    }

    public async Task<ActiveStorm> JoinAsync(long stormId, long caseId, Instant now, CancellationToken ct)
    {
        await s.ExecuteAsync("update cases set storm_id = @stormId where id = @caseId", new { stormId, caseId }, ct);
        // The update waits for a decision being written to the storm, and returns the row as it is after it.
        return (await s.SingleOrDefaultAsync<ActiveStorm>($"""
            update storms set members = members + 1, last_at = greatest(last_at, @now) where id = @stormId returning {Columns}
            """, new { stormId, now }, ct))!;
    }

    public Task DecidedAsync(long stormId, string? statement, string? dismissReason, Stamp by, CancellationToken ct) =>
        s.ExecuteAsync("""
            update storms set statement = @statement, dismiss_reason = @dismissReason, decided_by_id = @Id, decided_by_name = @Name, decided_at = @At
             where id = @stormId
            """, new { stormId, statement, dismissReason, by.Id, by.Name, by.At }, ct);

    public Task<ActiveStorm?> GetAsync(long stormId, CancellationToken ct) =>
        s.SingleOrDefaultAsync<ActiveStorm>($"select {Columns} from storms where id = @stormId", new { stormId }, ct);

    public Task<IReadOnlyList<long>> MembersInAsync(long stormId, IReadOnlyList<CaseState> states, int limit, CancellationToken ct) =>
        s.QueryAsync<long>("""
            select id from cases where storm_id = @stormId and not leads_storm and state = any(@States) order by id limit @limit
            """, new { stormId, States = states.Select(x => x.ToString()).ToArray(), limit }, ct);

    public async Task<StormView?> ViewAsync(long stormId, CancellationToken ct)
    {
        var head = await s.SingleOrDefaultAsync<(long Lead, long Members, long Authors, Instant StartedAt, Instant LastAt, string? Statement, string? DismissReason, string? DecidedBy)>("""
            select st.lead_case_id, st.members::bigint, (select count(distinct author_handle) from cases where storm_id = st.id), st.started_at, st.last_at,
                   st.statement, st.dismiss_reason, st.decided_by_name
              from storms st where st.id = @stormId
            """, new { stormId }, ct);
        if (head == default) return null;
        var samples = await s.QueryAsync<StormSample>("""
            select id as CaseId, author_handle as AuthorHandle, text as Text from cases
             where storm_id = @stormId and not leads_storm order by id desc limit 3
            """, new { stormId }, ct);
        return new StormView(stormId, head.Lead, (int)head.Members, (int)head.Authors, head.StartedAt, head.LastAt, samples, head.Statement, head.DismissReason, head.DecidedBy);
    }
}
