using ResponseBot.Domain;
using NodaTime;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Duty;

/// <summary>
/// Works one due escalation timer, in one unit of work with the timer and its case locked (SKIP LOCKED: another instance
/// takes the next one): the next person in the chain gets the card (or a reminder if they have it), or the timer waits while
/// nobody is on duty, or it closes because someone acted or every round is used up. Every step is logged.
/// </summary>
public sealed class RunDueEscalations(IUnitOfWorkFactory db, RotaConfig rota, ReplyPolicy policy, Paging.PagingSettings paging,
    Metrics.ResponseBotMetrics metrics, TimeProvider clock, ILogger<RunDueEscalations> log)
{
    /// <summary>False when no timer is due.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (await uow.Timers.NextDueAsync(now, ct) is not { } due) return false;
        var (timer, kind) = (due.Timer, due.Timer.Kind);
        var duty = await uow.DutyAsync(rota, clock.Now(), ct);
        // Whoever wrote a reply awaiting approval can't approve it, so isn't asked to.
        var chain = EscalationRules.Chain(kind, duty, rota.Managers, kind == EscalationKind.Approval ? due.DraftedBy : null);
        var wait = kind == EscalationKind.Approval ? policy.ApproveWithin : policy.AcknowledgeWithin;
        var step = EscalationRules.Next(timer, due.State, chain, policy.EscalationRounds, wait, now);
        switch (step)
        {
            case EscalationStep.Wait w:
                await uow.Timers.MoveAsync(timer.CaseId, kind, timer.Step, w.NextDue, ct);
                break;
            case EscalationStep.Close close:
                await uow.Timers.CloseAsync(timer.CaseId, kind, close.Outcome, now, ct);
                if (close.Outcome == EscalationRules.Exhausted) await CaseChanges.ApplyAsync(uow, timer.CaseId, new SystemEvent.TimerFired(kind, timer.Step, []), now, ct);
                log.LogInformation("Case {CaseId}: {Kind} escalation closed ({Outcome})", timer.CaseId, kind, close.Outcome);
                break;
            case EscalationStep.Notify notify:
                // Someone who hasn't got the card gets it; someone who has gets a reminder rather than a second copy.
                var holding = await uow.CaseCards.OfferedToAsync(timer.CaseId, countFailed: false, ct);
                foreach (var staffId in notify.Targets)
                {
                    await uow.Timers.RecordEscalatedToAsync(timer.CaseId, staffId, notify.Step, now, ct);
                    await CaseChanges.WriteAsync(uow, timer.CaseId,
                        holding.Contains(staffId) ? new CaseEffect.TextTo(staffId, notify.Reminder) : new CaseEffect.CardTo([staffId]), now, ct);
                }
                await uow.Timers.MoveAsync(timer.CaseId, kind, notify.Step, notify.NextDue, ct);
                await CaseChanges.ApplyAsync(uow, timer.CaseId, new SystemEvent.TimerFired(kind, notify.Step, notify.Targets), now, ct);
                log.LogInformation("Case {CaseId}: {Kind} escalation step {Step} to {Targets}", timer.CaseId, kind, notify.Step, notify.Targets);
                break;
        }
        await PageAsync(uow, timer, step, chain.Count, due.DraftedBy, now, ct);
        await uow.CommitAsync(ct);
        if (step is EscalationStep.Notify) metrics.Escalated(Metrics.EscalationSource.Timer);
        return true;
    }

    // Beyond Teams, in the same unit of work: the pages are sent once, exactly when the step they belong to is.
    private async Task PageAsync(IUnitOfWork uow, EscalationTimer timer, EscalationStep step, int chainLength, string? drafter, Instant now, CancellationToken ct)
    {
        if (!paging.IsEnabled || step is EscalationStep.Wait) return;
        var flags = (await uow.Cases.GetAsync(timer.CaseId, ct))?.Flags ?? [];
        var managers = rota.Managers.Where(m => m != drafter).ToList();
        var people = Domain.Paging.PagingRules.For(timer, step, flags, policy.EscalationRounds, chainLength, managers);
        await Paging.PageWriter.WriteAsync(uow, paging, timer.CaseId, people, now, ct);
    }
}
