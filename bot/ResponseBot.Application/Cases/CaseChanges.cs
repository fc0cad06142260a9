using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;

namespace ResponseBot.Application.Cases;

/// <summary>
/// The one effect writer: turns a decided transition into rows in the unit of work — the case (guarded on the version it
/// was decided on), its decision-log entry, its effects (outbox messages, timers) and the refresh of every posted copy.
/// </summary>
public static class CaseChanges
{
    /// <summary>False when someone else changed the case first: nothing is written. <paramref name="cardVersion"/>: the card pressed.</summary>
    public static async Task<bool> CommitAsync(IUnitOfWork uow, CaseRecord before, CaseOutcome.Transition t, StaffMember? by, Instant now, CancellationToken ct,
        int? cardVersion = null)
    {
        // A transition that only records something (a delivery to a case already moving on) leaves the row as it is.
        if (t.After != before && !await uow.Cases.SaveAsync(t.After, before.Version, ct)) return false;
        var moved = t.After.State != before.State;
        await uow.Log.AppendAsync(new DecisionEntry(before.Id, now, by?.Id ?? DecisionEntry.SystemId, by?.Name ?? DecisionEntry.SystemName, t.Log.Action,
            t.Log.TextBefore, t.Log.TextAfter, t.Log.Detail, moved ? before.State : null, moved ? t.After.State : null, t.Log.Reason, cardVersion), ct);
        foreach (var effect in t.Effects)
            await WriteAsync(uow, before.Id, effect, now, ct);
        if (t.RefreshCards)
            await uow.Outbox.EnqueueAsync(OutboxKinds.CaseCardUpdate, before.Id, null, null, now, now, ct);
        return true;
    }

    /// <summary>
    /// Applies what happened to a case by itself (<see cref="CaseWorkflow.Apply"/>) on its row, locked until the unit of work
    /// ends so a person's decision racing it finishes first; writes the transition if there is one. Null: no such case.
    /// </summary>
    public static async Task<CaseOutcome?> ApplyAsync(IUnitOfWork uow, long caseId, SystemEvent e, Instant now, CancellationToken ct)
    {
        if (await uow.Cases.GetAsync(caseId, ct, forUpdate: true) is not { } c) return null;
        var outcome = CaseWorkflow.Apply(c, e, now);
        if (outcome is CaseOutcome.Transition t) await CommitAsync(uow, c, t, null, now, ct);
        return outcome;
    }

    public static Task WriteAsync(IUnitOfWork uow, long caseId, CaseEffect effect, Instant now, CancellationToken ct) => effect switch
    {
        CaseEffect.PublishAt p => uow.Outbox.EnqueueAsync(OutboxKinds.PublishReply, caseId, null, null, p.Due, now, ct),
        CaseEffect.CancelPublish => uow.Outbox.CancelAsync(caseId, OutboxKinds.PublishReply, "cancelled: undone", now, ct),
        CaseEffect.CardTo to => CardsAsync(uow, caseId, to.StaffIds, now, ct),
        CaseEffect.TextTo text => uow.Outbox.EnqueueAsync(OutboxKinds.Text, caseId, text.StaffId, text.Text, now, now, ct),
        CaseEffect.EscalateIfIdle timer => uow.Timers.StartAsync([caseId], timer.Kind, timer.Due, now, ct),
        CaseEffect.StopTimer stop => uow.Timers.CloseAsync(caseId, stop.Kind, stop.Outcome, now, ct),
        CaseEffect.DelayTimers delay => uow.Timers.DelayAsync(caseId, delay.Until, ct),
        CaseEffect.PostHoldingReply holding => uow.Outbox.EnqueueAsync(OutboxKinds.HoldingReply, caseId, null, holding.Text, now, now, ct),
        CaseEffect.StormDecided storm => StormAsync(uow, caseId, storm, now, ct),
        CaseEffect.Moderate m => uow.Outbox.EnqueueAsync(OutboxKinds.Moderate, caseId, m.StaffId, m.Hidden ? "hide" : "unhide", now, now, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(effect)),
    };

    private static async Task StormAsync(IUnitOfWork uow, long leadCaseId, CaseEffect.StormDecided storm, Instant now, CancellationToken ct)
    {
        await uow.Storms.DecidedAsync(storm.StormId, storm.Statement, storm.DismissReason, storm.By, ct);
        if (storm.Statement is null && storm.DismissReason is null)
            await uow.Outbox.CancelAsync(leadCaseId, OutboxKinds.StormFanout, "cancelled: undone", now, ct);
        else
            await uow.Outbox.EnqueueAsync(OutboxKinds.StormFanout, leadCaseId, null, null, storm.Due, now, ct);
    }

    private static async Task CardsAsync(IUnitOfWork uow, long caseId, IReadOnlyList<string> staffIds, Instant now, CancellationToken ct)
    {
        foreach (var staffId in staffIds)
            await uow.Outbox.EnqueueAsync(OutboxKinds.CaseCard, caseId, staffId, null, now, now, ct);
    }
}
