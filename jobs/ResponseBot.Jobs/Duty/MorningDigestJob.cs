using NodaTime;
using Quartz;
using ResponseBot.Application.Reports;

namespace ResponseBot.Jobs.Duty;

/// <summary>Each working morning: the managers' digest for this fire time (<see cref="SendDigest"/>).</summary>
[DisallowConcurrentExecution]
public sealed class MorningDigestJob(SendDigest digest, TimeProvider clock) : IJob
{
    public const string Name = SendDigest.Job;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await digest.RunAsync(Instant.FromDateTimeOffset(context.ScheduledFireTimeUtc ?? clock.GetUtcNow()), context.Scheduler.SchedulerInstanceId, cancellationToken);
}
