using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
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
    IReportStore reports, IRotaSource rota, IOptions<JobsOptions> options, TimeProvider clock, ILogger<MorningDigestJob> log) : IJob
{
    public const string Name = "morning-digest";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        // The report covers up to the fire time, not "now": a late run reports the same span, and the next one
        // starts exactly where it ended.
        var scheduled = context.ScheduledFireTimeUtc ?? clock.GetUtcNow();
        var from = await reports.PreviousRunAsync(Name, scheduled, cancellationToken) ?? scheduled.AddDays(-1);
        var cases = await reports.CasesReceivedAsync(from, scheduled, cancellationToken);
        var text = MorningDigest.Text(cases, from, scheduled, clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
        if (!await reports.SendOnceAsync(Name, scheduled, context.Scheduler.SchedulerInstanceId, rota.Managers, text, clock.GetUtcNow(), cancellationToken))
            return;
        log.LogInformation("Morning digest of {Cases} cases sent to {Managers} managers", cases.Count, rota.Managers.Count);
    }
}
