using Microsoft.Extensions.Logging;
using Quartz;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Sources;

namespace ResponseBot.Jobs.Sources;

/// <summary>
/// Every few seconds: polls the accounts that are due (Bluesky and other platforms without push). Each account is claimed in
/// the database, so several instances running this job share the accounts and never poll one twice at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SourcePollJob(PollSources poll, IAccountDirectory accounts, ILogger<SourcePollJob> log) : IJob
{
    public const string Name = "source-poll";

    // Bounded so a long list of accounts can't hold the scheduler thread; the rest are due next run.
    private const int MaxPerRun = 50;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var polled = poll.Polled(accounts.Ids);
        var ran = 0;
        while (ran < MaxPerRun && await poll.RunNextAsync(polled, cancellationToken)) ran++;
        if (ran > 0) log.LogDebug("Polled {Count} source(s)", ran);
    }
}
