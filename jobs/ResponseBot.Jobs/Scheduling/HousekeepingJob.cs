using Quartz;
using ResponseBot.Application;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>Hourly: forgets old inbound activity keys and expired download files (<see cref="ForgetExpired"/>).</summary>
[DisallowConcurrentExecution]
public sealed class HousekeepingJob(ForgetExpired forget) : IJob
{
    public const string Name = "housekeeping";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await forget.RunAsync(cancellationToken);
}
