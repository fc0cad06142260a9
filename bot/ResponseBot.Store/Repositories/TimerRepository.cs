using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Store.Repositories;

internal sealed class TimerRepository(Session s) : ITimerRepository
{
    private sealed record DueRow(long CaseId, string Kind, int Step, Instant DueAt, Instant StartedAt, string State, string? DraftedById);

    public Task StartAsync(IReadOnlyList<long> caseIds, EscalationKind kind, Instant due, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into escalations (case_id, kind, step, due_at, started_at)
            select id, @Kind, 0, @due, @now from unnest(@ids) as ids(id)
            on conflict (case_id, kind) do update set step = 0, due_at = excluded.due_at, started_at = excluded.started_at, closed_at = null, outcome = null
            """, new { ids = caseIds.ToArray(), Kind = kind.ToString(), due, now }, ct);

    // SKIP LOCKED: another instance working on a timer neither blocks this one nor gets it twice. The case row is locked too,
    // so a decision being applied to it right now finishes first and the timer sees its outcome.
    public async Task<DueTimer?> NextDueAsync(Instant now, CancellationToken ct) =>
        await s.SingleOrDefaultAsync<DueRow>("""
            select e.case_id as CaseId, e.kind as Kind, e.step as Step, e.due_at as DueAt, e.started_at as StartedAt, c.state as State,
                   c.drafted_by_id as DraftedById
              from escalations e join cases c on c.id = e.case_id
             where e.closed_at is null and e.due_at <= @now
             order by e.due_at
             limit 1
               for update of e, c skip locked
            """, new { now }, ct) is { } row
            ? new DueTimer(new EscalationTimer(row.CaseId, Enum.Parse<EscalationKind>(row.Kind), row.Step, row.DueAt, row.StartedAt),
                Enum.Parse<CaseState>(row.State), row.DraftedById)
            : null;

    public Task MoveAsync(long caseId, EscalationKind kind, int step, Instant nextDue, CancellationToken ct) =>
        s.ExecuteAsync("update escalations set step = @step, due_at = @nextDue where case_id = @caseId and kind = @Kind",
            new { caseId, Kind = kind.ToString(), step, nextDue }, ct);

    public Task CloseAsync(long caseId, EscalationKind kind, string outcome, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("update escalations set closed_at = @now, outcome = @outcome where case_id = @caseId and kind = @Kind and closed_at is null",
            new { caseId, Kind = kind.ToString(), outcome, now }, ct);

    // An approval waiting for a manager is not the officer's to snooze.
    public Task DelayAsync(long caseId, Instant until, CancellationToken ct) =>
        s.ExecuteAsync("""
            update escalations set due_at = greatest(due_at, @until)
             where case_id = @caseId and closed_at is null and kind = any(@Kinds)
            """, new { caseId, until, Kinds = new[] { nameof(EscalationKind.Acknowledge), nameof(EscalationKind.Respond) } }, ct);

    public Task RecordEscalatedToAsync(long caseId, string staffId, int step, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("insert into case_escalations (case_id, staff_id, step, at) values (@caseId, @staffId, @step, @now) on conflict do nothing",
            new { caseId, staffId, step, now }, ct);

    /// <summary>Everyone a timer brought case @caseId to.</summary>
    internal const string EscalatedToSql = "select distinct staff_id from case_escalations where case_id = @caseId";

    public async Task<IReadOnlySet<string>> EscalatedToAsync(long caseId, CancellationToken ct) =>
        (await s.QueryAsync<string>(EscalatedToSql, new { caseId }, ct)).ToHashSet();
}
