using Microsoft.Extensions.Logging;
using Quartz;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Jobs.Duty;

/// <summary>
/// Every few seconds: works through escalation timers that are due. The timers are rows, so this job holds
/// no state; if two instances run it, SKIP LOCKED gives each timer to one of them.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EscalationJob(IEscalationStore escalations, DutyRoster roster, ReplyPolicy policy, TimeProvider clock, ILogger<EscalationJob> log) : IJob
{
    public const string Name = "escalation";

    // Bounded so one run can't hold the scheduler thread for ever behind a flood.
    private const int MaxPerRun = 200;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var duty = await roster.NowAsync(cancellationToken);
        var ran = 0;
        for (var now = clock.GetUtcNow(); ran < MaxPerRun && await escalations.RunNextDueAsync(now, (t, s) => Decide(t, s, now), cancellationToken); now = clock.GetUtcNow())
            ran++;
        if (ran > 0) log.LogInformation("Escalation timers handled: {Count}", ran);

        EscalationStep Decide(EscalationTimer timer, EscalationCase @case, DateTimeOffset now)
        {
            var wait = timer.Kind == EscalationKind.Acknowledge ? policy.AcknowledgeWithin : policy.ApproveWithin;
            // Whoever wrote a reply awaiting approval can't approve it, so isn't asked to.
            var drafter = timer.Kind == EscalationKind.Approval ? @case.DraftedBy : null;
            var step = EscalationRules.Next(timer, @case.State, EscalationRules.Chain(timer.Kind, duty, roster.Managers, drafter), policy.EscalationRounds, wait, now);
            if (step is EscalationStep.Notify n)
                log.LogInformation("Case {CaseId}: {Kind} escalation step {Step} to {Targets}", timer.CaseId, timer.Kind, n.Step, n.Targets);
            else if (step is EscalationStep.Close c)
                log.LogInformation("Case {CaseId}: {Kind} escalation closed ({Outcome})", timer.CaseId, timer.Kind, c.Outcome);
            return step;
        }
    }
}
