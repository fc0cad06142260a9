using Microsoft.Extensions.Logging;
using Quartz;
using ResponseBot.Application.Duty;

namespace ResponseBot.Jobs.Duty;

/// <summary>
/// Every few seconds: works through escalation timers that are due. The timers are rows, so this job holds no state;
/// if two instances run it, SKIP LOCKED gives each timer to one of them.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EscalationJob(RunDueEscalations escalations, ILogger<EscalationJob> log) : IJob
{
    public const string Name = "escalation";

    // Bounded so one run can't hold the scheduler thread for ever behind a flood.
    private const int MaxPerRun = 200;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var ran = 0;
        while (ran < MaxPerRun && await escalations.RunNextAsync(cancellationToken)) ran++;
        if (ran > 0) log.LogInformation("Escalation timers handled: {Count}", ran);
    }
}
