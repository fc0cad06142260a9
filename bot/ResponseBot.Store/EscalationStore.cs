using System.Text.Json;
using Dapper;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Store;

public sealed class EscalationStore(NpgsqlDataSource db) : IEscalationStore
{
    private sealed record DueRow(long CaseId, string Kind, int Step, DateTime DueAt, DateTime StartedAt, string State, string? DraftedById);

    public async Task<bool> RunNextDueAsync(DateTimeOffset now, Func<EscalationTimer, EscalationCase, EscalationStep> decide, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // SKIP LOCKED: another instance working on a timer neither blocks this one nor gets it twice. The case row is
        // locked too, so a decision being applied to it right now finishes first and the timer sees its outcome.
        var row = await conn.QuerySingleOrDefaultAsync<DueRow>(new CommandDefinition("""
            select e.case_id as CaseId, e.kind as Kind, e.step as Step, e.due_at as DueAt, e.started_at as StartedAt, c.state as State,
                   c.drafted_by_id as DraftedById
              from escalations e join cases c on c.id = e.case_id
             where e.closed_at is null and e.due_at <= @now
             order by e.due_at
             limit 1
               for update of e, c skip locked
            """, new { now }, tx, cancellationToken: ct));
        if (row is null) return false;

        var timer = new EscalationTimer(row.CaseId, Enum.Parse<EscalationKind>(row.Kind), row.Step,
            new DateTimeOffset(DateTime.SpecifyKind(row.DueAt, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(row.StartedAt, DateTimeKind.Utc)));
        switch (decide(timer, new EscalationCase(Enum.Parse<CaseState>(row.State), row.DraftedById)))
        {
            case EscalationStep.Wait wait:
                await conn.ExecuteAsync(new CommandDefinition(
                    "update escalations set due_at = @NextDue where case_id = @CaseId and kind = @Kind",
                    new { row.CaseId, row.Kind, wait.NextDue }, tx, cancellationToken: ct));
                break;
            case EscalationStep.Close close:
                await conn.ExecuteAsync(new CommandDefinition(
                    "update escalations set closed_at = @now, outcome = @Outcome where case_id = @CaseId and kind = @Kind",
                    new { row.CaseId, row.Kind, now, close.Outcome }, tx, cancellationToken: ct));
                if (close.Outcome == EscalationRules.Exhausted)
                    await Sql.LogAsync(conn, tx, DecisionEntry.System(row.CaseId, now, DecisionActions.EscalationExhausted,
                        JsonSerializer.Serialize(new { kind = row.Kind, steps = row.Step })), ct);
                break;
            case EscalationStep.Notify notify:
                foreach (var staffId in notify.Targets)
                    await NotifyAsync(conn, tx, row.CaseId, staffId, notify, now, ct);
                await conn.ExecuteAsync(new CommandDefinition(
                    "update escalations set step = @Step, due_at = @NextDue where case_id = @CaseId and kind = @Kind",
                    new { row.CaseId, row.Kind, notify.Step, notify.NextDue }, tx, cancellationToken: ct));
                await Sql.LogAsync(conn, tx, DecisionEntry.System(row.CaseId, now, DecisionActions.EscalatedByTimer,
                    JsonSerializer.Serialize(new { kind = row.Kind, step = notify.Step, to = notify.Targets })), ct);
                break;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    // Someone who hasn't got the card gets it; someone who has gets a reminder rather than a second copy.
    private static async Task NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, string staffId, EscalationStep.Notify notify, DateTimeOffset now, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into case_escalations (case_id, staff_id, step, at) values (@caseId, @staffId, @Step, @now) on conflict do nothing
            """, new { caseId, staffId, notify.Step, now }, tx, cancellationToken: ct));
        var hasCard = await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from case_cards where case_id = @caseId and staff_id = @staffId)
                or exists (select 1 from outbox where kind = @Kind and case_id = @caseId and recipient = @staffId and failed_at is null)
            """, new { caseId, staffId, Kind = OutboxKinds.CaseCard }, tx, cancellationToken: ct));
        if (hasCard)
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.Text, caseId, staffId, notify.Reminder, now, ct);
        else
            await Sql.EnqueueAsync(conn, tx, OutboxKinds.CaseCard, caseId, staffId, null, now, ct);
    }

    public async Task<bool> WasEscalatedToAsync(long caseId, string staffId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from case_escalations where case_id = @caseId and staff_id = @staffId)",
            new { caseId, staffId }, cancellationToken: ct));
    }
}
