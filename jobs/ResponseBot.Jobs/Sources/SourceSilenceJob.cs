using Quartz;
using ResponseBot.Application.Sources;

namespace ResponseBot.Jobs.Sources;

/// <summary>Every few minutes: accounts that have gone quiet for longer than their threshold are raised with the rota.</summary>
[DisallowConcurrentExecution]
public sealed class SourceSilenceJob(CheckSourceSilence check) : IJob
{
    public const string Name = "source-silence";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => new(check.RunAsync(cancellationToken));
}
