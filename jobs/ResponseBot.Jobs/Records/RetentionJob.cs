using Quartz;
using ResponseBot.Application.Records;

namespace ResponseBot.Jobs.Records;

/// <summary>Redacts the public's personal data past its retention period, a bounded batch at a time (<see cref="ApplyRetention"/>).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(ApplyRetention retention) : IJob
{
    public const string Name = "retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await retention.RunAsync(cancellationToken);
}
