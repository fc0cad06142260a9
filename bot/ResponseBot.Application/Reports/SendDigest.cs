using ResponseBot.Domain;
using NodaTime;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Reports;

/// <summary>
/// The managers' morning digest for one scheduled run, as a report card: what came in since the last run (so Monday's covers
/// the weekend), how fast it was answered, what was late or escalated, who handled what and what is still open. The run is
/// recorded and the cards queued in one unit of work, so across instances each run is sent once, to all managers or none.
/// </summary>
public sealed class SendDigest(IUnitOfWorkFactory db, RotaConfig rota, ReportViews views, ICardRenderer renderer, TimeProvider clock, ILogger<SendDigest> log)
{
    public const string Job = "morning-digest";

    public const string Title = "Out-of-hours report";

    /// <summary>Far longer than storing a batch of mentions takes; a unit of work open longer than this is stuck.</summary>
    private static readonly TimeSpan ArrivalsWait = TimeSpan.FromMinutes(2);

    public async Task RunAsync(Instant scheduledFor, string instance, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        // The report covers up to the fire time, not "now": a late run reports the same span, and the next one starts where it ended.
        var from = await uow.JobRuns.PreviousAsync(Job, scheduledFor, ct) ?? scheduledFor - Duration.FromDays(1);
        if (!await uow.JobRuns.TryStartAsync(Job, scheduledFor, instance, now, ct)) return;
        // A mention timed just before the fire time may still be committing: wait for it, or neither run would report it.
        if (!await uow.AwaitArrivalsAsync(ArrivalsWait, ct))
            log.LogWarning("Mentions were still being stored {Wait} after the digest for {ScheduledFor} fell due: it may leave out one that arrived just before",
                ArrivalsWait, scheduledFor);
        var period = new Interval(from, scheduledFor);
        var cases = await ReportViews.CasesAsync(uow, period, ct);
        var card = renderer.Report(views.Model(Title, period, cases, now));
        foreach (var manager in rota.Managers)
            await ChatRequest.CardAsync(uow, manager, card.Card, card.Summary, now, ct);
        await uow.CommitAsync(ct);
        log.LogInformation("Morning digest of {Cases} cases sent to {Managers} managers", cases.Count, rota.Managers.Count);
    }
}
