using Quartz;
using ResponseBot.Application.Duty;

namespace ResponseBot.Jobs.Duty;

/// <summary>Every minute: hands each layer whose holder changed to the new holder (<see cref="HandOverShift"/>).</summary>
[DisallowConcurrentExecution]
public sealed class ShiftChangeJob(HandOverShift handOver) : IJob
{
    public const string Name = "shift-change";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await handOver.RunAsync(cancellationToken);
}
