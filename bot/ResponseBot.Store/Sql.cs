using System.Data;
using Dapper;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.People;

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

    /// <summary>Who took over <paramref name="role"/> with "on call" and still holds it at <paramref name="now"/>.</summary>
    public static Task<string?> TakeoverAsync(IDbConnection conn, IDbTransaction tx, DutyRole role, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            select staff_id from on_call
             where ended_at is null and role = @Role and (until is null or until > @now)
            """, new { Role = OnCallRole(role), now }, tx, cancellationToken: ct));

    public static string OnCallRole(DutyRole role) => role == DutyRole.Manager ? "manager" : "officer";

    public static DutyRole RoleOf(string onCallRole) => onCallRole == "manager" ? DutyRole.Manager : DutyRole.Officer;

    /// <summary>(Re)starts a case's escalation timer of this kind from step 0.</summary>
    public static Task StartEscalationAsync(IDbConnection conn, IDbTransaction tx, long caseId, EscalationKind kind, DateTimeOffset due, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into escalations (case_id, kind, step, due_at, started_at) values (@caseId, @Kind, 0, @due, @now)
            on conflict (case_id, kind) do update set step = 0, due_at = excluded.due_at, started_at = excluded.started_at, closed_at = null, outcome = null
            """, new { caseId, Kind = kind.ToString(), due, now }, tx, cancellationToken: ct));

    /// <summary>Queues a card for every case in <paramref name="states"/> that <paramref name="staffId"/> has no card
    /// for: a mention kept while nobody was on call, or one the previous holder had. Returns how many.</summary>
    public static Task<int> QueueOpenCasesAsync(IDbConnection conn, IDbTransaction tx, string staffId, string[] states, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into outbox (kind, case_id, recipient, created_at, due_at)
            select @Kind, c.id, @staffId, @now, @now
              from cases c
             where c.state = any(@states)
               and not exists (select 1 from case_cards cc where cc.case_id = c.id and cc.staff_id = @staffId)
               and not exists (select 1 from outbox o where o.kind = @Kind and o.case_id = c.id and o.recipient = @staffId
                                                       and o.done_at is null and o.failed_at is null)
             order by c.received_at
            """, new { Kind = ResponseBot.Domain.Outbox.OutboxKinds.CaseCard, staffId, now, states }, tx, cancellationToken: ct));

    /// <summary>
    /// Someone new holds the primary layer: every case still waiting for a first action starts its acknowledgement
    /// timer again from step 0, so the newcomer gets the full time before it escalates past them.
    /// </summary>
    public static Task RestartAcknowledgeTimersAsync(IDbConnection conn, IDbTransaction tx, DateTimeOffset due, DateTimeOffset now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into escalations (case_id, kind, step, due_at, started_at)
            select id, 'Acknowledge', 0, @due, @now from cases where state in ('New', 'Notified')
            on conflict (case_id, kind) do update set step = 0, due_at = excluded.due_at, started_at = excluded.started_at, closed_at = null, outcome = null
            """, new { due, now }, tx, cancellationToken: ct));

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
