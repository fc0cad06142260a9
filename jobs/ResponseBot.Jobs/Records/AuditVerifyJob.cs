using NodaTime;
using Quartz;
using ResponseBot.Application.Audit;

namespace ResponseBot.Jobs.Records;

/// <summary>Nightly: the decision log's hash chain checked end to end (<see cref="VerifyDecisionLog"/>).</summary>
[DisallowConcurrentExecution]
public sealed class AuditVerifyJob(VerifyDecisionLog verify, TimeProvider clock) : IJob
{
    public const string Name = VerifyDecisionLog.Job;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await verify.RunAsync(Instant.FromDateTimeOffset(context.ScheduledFireTimeUtc ?? clock.GetUtcNow()), context.Scheduler.SchedulerInstanceId, cancellationToken);
}
