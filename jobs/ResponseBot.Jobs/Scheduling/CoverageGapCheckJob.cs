using NodaTime;
using Microsoft.Extensions.Options;
using Quartz;
using ResponseBot.Application.Reports;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>Daily: warns coordinators about uncovered windows ahead (<see cref="CheckCoverage"/>).</summary>
[DisallowConcurrentExecution]
public sealed class CoverageGapCheckJob(CheckCoverage check, IOptions<JobsOptions> options, TimeProvider clock) : IJob
{
    public const string Name = CheckCoverage.Job;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await check.RunAsync(Instant.FromDateTimeOffset(context.ScheduledFireTimeUtc ?? clock.GetUtcNow()), context.Scheduler.SchedulerInstanceId, options.Value.GapCheckDays, cancellationToken);
}
