using ResponseBot.Domain;
using NodaTime;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Reports;

/// <summary>
/// The managers' morning digest for one scheduled run: what came in since the last run (so Monday's covers the weekend),
/// how fast it was answered, what was late or escalated and what is still open. The run is recorded and the digest queued
/// in one unit of work, so across instances each run is sent once, to all managers or none.
/// </summary>
public sealed class SendDigest(IUnitOfWorkFactory db, RotaConfig rota, TimeProvider clock, ILogger<SendDigest> log)
{
    public const string Job = "morning-digest";

    public async Task RunAsync(Instant scheduledFor, string instance, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        // The report covers up to the fire time, not "now": a late run reports the same span, and the next one starts where it ended.
        var from = await uow.JobRuns.PreviousAsync(Job, scheduledFor, ct) ?? scheduledFor - Duration.FromDays(1);
        if (!await uow.JobRuns.TryStartAsync(Job, scheduledFor, instance, now, ct)) return;
        var cases = await uow.Reports.CasesReceivedAsync(from, scheduledFor, DecisionActions.EscalatedByTimer, ct);
        var text = MorningDigest.Text(cases, from, scheduledFor, now, rota.Zone);
        foreach (var manager in rota.Managers)
            await ChatRequest.TextAsync(uow, manager, text, now, ct);
        await uow.CommitAsync(ct);
        log.LogInformation("Morning digest of {Cases} cases sent to {Managers} managers", cases.Count, rota.Managers.Count);
    }
}
