using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;
using ResponseBot.Jobs.Scheduling;

namespace ResponseBot.Jobs.Duty;

/// <summary>
/// Each working morning: tells the managers what came in since the last digest (so Monday's covers the
/// weekend), how fast it was answered, what was late or escalated and what is still open.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MorningDigestJob(
    IReportStore reports, IRotaSource rota, IOutboxStore outbox, IJobRunLog runs, IOptions<JobsOptions> options, TimeProvider clock, ILogger<MorningDigestJob> log) : IJob
{
    public const string Name = "morning-digest";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? clock.GetUtcNow();
        if (!await runs.TryStartAsync(Name, scheduled, context.Scheduler.SchedulerInstanceId, clock.GetUtcNow(), cancellationToken))
            return;
        var now = clock.GetUtcNow();
        var from = await reports.PreviousRunAsync(Name, scheduled, cancellationToken) ?? now.AddDays(-1);
        var cases = await reports.CasesReceivedAsync(from, now, cancellationToken);
        var text = MorningDigest.Text(cases, from, now, now, TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
        foreach (var manager in rota.Managers)
            await outbox.EnqueueTextAsync(manager, text, now, cancellationToken);
        log.LogInformation("Morning digest of {Cases} cases sent to {Managers} managers", cases.Count, rota.Managers.Count);
    }
}
