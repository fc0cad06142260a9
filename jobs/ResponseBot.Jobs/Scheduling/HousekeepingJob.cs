using Quartz;
using ResponseBot.Application.Chat;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>Hourly: forgets old inbound activity keys (<see cref="ForgetHandledActivities"/>).</summary>
[DisallowConcurrentExecution]
public sealed class HousekeepingJob(ForgetHandledActivities forget) : IJob
{
    public const string Name = "housekeeping";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await forget.RunAsync(cancellationToken);
}
