using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Store.Repositories;

internal sealed class DecisionLog(Session s) : IDecisionLog
{
    /// <summary>One entry's insert, for <see cref="Args"/>: sent alone or with the commit (UnitOfWork.CommitAttemptsAsync).</summary>
    internal const string InsertSql = """
        insert into decision_log (case_id, at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason, card_version)
        values (@CaseId, @At, @ActorId, @ActorName, @Action, @TextBefore, @TextAfter, @Detail::jsonb, @FromState, @ToState, @Reason, @CardVersion)
        """;

    internal static object Args(DecisionEntry e) => new
    {
        e.CaseId, e.At, e.ActorId, e.ActorName, e.Action, e.TextBefore, e.TextAfter, e.Detail,
        FromState = e.FromState?.ToString(), ToState = e.ToState?.ToString(), e.Reason, e.CardVersion,
    };

    public Task<long> AppendAsync(DecisionEntry e, CancellationToken ct) => s.ScalarAsync<long>(InsertSql + " returning id", Args(e), ct);

    public Task AppendAsync(IReadOnlyList<DecisionEntry> entries, CancellationToken ct) =>
        entries.Count == 0 ? Task.CompletedTask : s.ExecuteAsync(InsertRowsSql, new { rows = Rows(entries) }, ct);

    /// <summary>Entries' insert, in order, for <see cref="Rows"/> as <c>@rows</c>.</summary>
    internal const string InsertRowsSql = $"""
        insert into decision_log ({Columns})
        select {Columns} from jsonb_to_recordset(@rows::jsonb) as {RowsType}
         order by n
        """;

    /// <summary>Entries' insert with their places in the chain, for <see cref="Rows"/> as <c>@rows</c>; holds the chain's lock to the commit.</summary>
    internal const string AppendSealedSql = "select decision_log_append_sealed(@rows::jsonb)";

    /// <summary>One statement inserting the entries (at least one), and its arguments.</summary>
    internal static (string Sql, object Args) Insert(IReadOnlyList<DecisionEntry> entries) =>
        entries.Count == 1 ? (InsertSql, Args(entries[0])) : (InsertRowsSql, new { rows = Rows(entries) });

    /// <summary>The columns an entry fills, in the order of <see cref="RowsType"/>.</summary>
    internal const string Columns = "case_id, " + ColumnsButCase;

    /// <summary>Every column of an entry but its case: for a statement that gives the case itself.</summary>
    internal const string ColumnsButCase = "at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason, card_version";

    /// <summary>The record type of <see cref="Rows"/>: <c>n</c> is the entry's place in the list.</summary>
    internal const string RowsType = """
        r(n int, case_id bigint, at timestamptz, actor_id text, actor_name text, action text, text_before text, text_after text, detail jsonb,
          from_state text, to_state text, reason text, card_version int)
        """;

    /// <summary>Entries as one JSON array, to be read with <see cref="RowsType"/>.</summary>
    internal static string Rows(IReadOnlyList<DecisionEntry> entries) =>
        JsonSerializer.Serialize(entries.Select((e, n) => new
        {
            n, case_id = e.CaseId, at = Micro.Of(e.At), actor_id = e.ActorId, actor_name = e.ActorName, action = e.Action,
            text_before = e.TextBefore, text_after = e.TextAfter,
            // The detail is a JSON document of its own: it travels as one, not as a string to parse again.
            detail = e.Detail is null ? null : JsonNode.Parse(e.Detail),
            from_state = e.FromState?.ToString(), to_state = e.ToState?.ToString(), reason = e.Reason, card_version = e.CardVersion,
        }));
}
