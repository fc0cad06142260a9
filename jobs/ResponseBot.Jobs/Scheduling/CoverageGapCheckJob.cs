using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>
/// Daily: looks two weeks ahead for out-of-hours windows nobody covers and tells the coordinators, while
/// there is still time to fix them. Thin: the rota model finds the gaps, the outbox delivers the message.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CoverageGapCheckJob(
    IRotaSource rota, IOutboxStore outbox, IJobRunLog runs, IOptions<JobsOptions> options, TimeProvider clock, ILogger<CoverageGapCheckJob> log) : IJob
{
    public const string Name = "coverage-gap-check";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? clock.GetUtcNow();
        if (!await runs.TryStartAsync(Name, scheduled, context.Scheduler.SchedulerInstanceId, clock.GetUtcNow(), cancellationToken))
        {
            log.LogWarning("Coverage gap check for {ScheduledFor} already ran on another instance", scheduled);
            return;
        }
        var from = clock.Now();
        var range = new Interval(from, from + Duration.FromDays(options.Value.GapCheckDays));
        var message = CoverageReport.Gaps(await rota.PlanAsync(range, cancellationToken), range);
        log.LogInformation("Coverage gap check for {ScheduledFor}: {Result}", scheduled, message is null ? "fully covered" : "gaps found");
        if (message is null) return;
        foreach (var coordinator in rota.Coordinators)
            await outbox.EnqueueTextAsync(coordinator, message, clock.GetUtcNow(), cancellationToken);
    }
}
