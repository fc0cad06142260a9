using System.Data;
using Dapper;

namespace ResponseBot.Store;

/// <summary>Statements several stores run inside their own transactions.</summary>
internal static class Sql
{
    // Serialises "who gets this case" decisions (a mention arriving while someone goes on call)
    // across every instance sharing the database.
    private const long RoutingLockKey = 0x5265_7370_526f_7574; // "RespRout"

    public static Task LockRoutingAsync(IDbConnection conn, IDbTransaction tx, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@RoutingLockKey)", new { RoutingLockKey }, tx, cancellationToken: ct));

    public static Task EnqueueAsync(IDbConnection conn, IDbTransaction tx, string kind, long? caseId, string? recipient, string? payload, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into outbox (kind, case_id, recipient, payload, created_at, due_at)
            values (@kind, @caseId, @recipient, @payload, @now, @now)
            """, new { kind, caseId, recipient, payload, now }, tx, cancellationToken: ct));

    public static Task LogAsync(IDbConnection conn, IDbTransaction tx, DecisionEntry entry, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into decision_log (case_id, at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason)
            values (@CaseId, @At, @ActorId, @ActorName, @Action, @TextBefore, @TextAfter, @Detail::jsonb, @FromState, @ToState, @Reason)
            """, entry, tx, cancellationToken: ct));
}

internal sealed record DecisionEntry(
    long? CaseId, DateTimeOffset At, string ActorId, string ActorName, string Action,
    string? TextBefore = null, string? TextAfter = null, string? Detail = null,
    string? FromState = null, string? ToState = null, string? Reason = null)
{
    /// <summary>The actor recorded for what the system did by itself (ingest, publish).</summary>
    public static DecisionEntry System(long? caseId, DateTimeOffset at, string action, string? detail = null, string? textAfter = null,
        string? fromState = null, string? toState = null, string? reason = null) =>
        new(caseId, at, "system", "ResponseBot", action, TextAfter: textAfter, Detail: detail, FromState: fromState, ToState: toState, Reason: reason);
}
