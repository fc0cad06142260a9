using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Downloads;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Reports;

/// <summary>
/// "report week", "report month", "report FROM TO": the report card for a period, with the trend against the period of the
/// same length before it and a link to its cases as CSV. Managers only, as the rota and configuration say.
/// </summary>
public sealed class ShowReport(IUnitOfWorkFactory db, RotaConfig rota, ReportViews views, ICardRenderer renderer, IssueDownload downloads,
    TimeProvider clock, ILogger<ShowReport> log)
{
    public const string NotAManager = "Reports are for managers (Roles:Managers, or the manager layer of the rota). Ask one of them if you need one.";

    public const string NoDownloads = "The CSV isn't available: an administrator needs to set Downloads:PublicBaseUrl to the bot's public address.";

    public async Task SendAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        // Decided from who is asking, never from what the message says.
        if (!rota.IsManager(m.Actor.Id))
        {
            log.LogInformation("{StaffId} asked for a report but is not a manager", m.Actor.Id);
            await ChatRequest.TextAsync(uow, m.Actor.Id, NotAManager, now, ct);
        }
        else if (ReportPeriod.Parse(m.Text, now, rota.Zone, out var problem) is not { } period)
            await ChatRequest.TextAsync(uow, m.Actor.Id, problem!, now, ct);
        else
        {
            var cases = await ReportViews.CasesAsync(uow, period.Span, ct);
            var before = ReportFigures.Of(await ReportViews.CasesAsync(uow, period.Previous, ct), now);
            var model = views.Model("Report: " + period.Label, period.Span, cases, now);
            model = model with { Trend = new ReportTrend(model.Figures, before), TrendAgainst = period.PreviousLabel };
            if (downloads.IsEnabled)
            {
                var card = renderer.Report(model with { CsvLink = IssueDownload.Link });
                var (from, to) = (period.Span.Start.InZone(rota.Zone).Date, (period.Span.End - NodaTime.Duration.Epsilon).InZone(rota.Zone).Date);
                var file = new DownloadFile(ReportFiles.FileName("report", from, to), ReportFiles.ContentType, views.Csv(model.Figures));
                await downloads.QueueAsync(uow, m.Actor.Id, file, new DownloadMessage(card.Card, card.Summary), now, ct);
            }
            else
            {
                var card = renderer.Report(model with { Notice = NoDownloads });
                await ChatRequest.CardAsync(uow, m.Actor.Id, card.Card, card.Summary, now, ct);
            }
            log.LogInformation("Report of {Cases} cases for {StaffId}", cases.Count, m.Actor.Id);
        }
        await uow.CommitAsync(ct);
    }
}
