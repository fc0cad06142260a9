using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Downloads;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Rota;
using ResponseBot.Application.Views;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Reports;

/// <summary>
/// "rota report [month]": hours on call per person per layer in a calendar month, from the rota as planned with its cover
/// and approved swaps (takeovers with "on call" are not rota hours), as a card and a CSV. For coordinators and managers.
/// </summary>
public sealed class ShowRotaReport(IUnitOfWorkFactory db, RotaConfig rota, ICardRenderer renderer, IssueDownload downloads, TimeProvider clock,
    ILogger<ShowRotaReport> log)
{
    public const string NotAllowed = "Rota reports are for rota coordinators and managers. Ask a rota coordinator if you need one.";

    public const string Summary = "Rota hours";

    public async Task SendAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        if (!rota.IsCoordinator(m.Actor.Id) && !rota.IsManager(m.Actor.Id))
            await ChatRequest.TextAsync(uow, m.Actor.Id, NotAllowed, now, ct);
        else if (RotaHours.Month(m.Text, now.InZone(rota.Zone).Date) is not { } month)
            await ChatRequest.TextAsync(uow, m.Actor.Id, RotaHours.Usage, now, ct);
        else
        {
            var span = new Interval(Midnight(month.OnDayOfMonth(1)), Midnight(month.OnDayOfMonth(1).PlusMonths(1)));
            var plan = await uow.PlanAsync(rota, span, ct);
            var layers = Enum.GetValues<Layer>().Where(l => l == Layer.Primary || rota.Layers.Contains(l) || plan.Overrides.Any(o => o.Layer == l));
            var lines = RotaHours.For(plan, layers, span);
            var name = await RotaViews.NamesAsync(uow, lines.Select(l => l.StaffId), ct);
            var model = new RotaReportCardModel(month, lines.Select(l => new RotaHoursRow(l.StaffId is { } id ? name(id) : null, l.Layer, l.Shifts, l.Hours,
                l.WeekendAndHolidayHours)).ToList(), Complete: span.End <= now);
            if (downloads.IsEnabled)
            {
                var file = new DownloadFile(ReportFiles.FileName("rota-hours", month.OnDayOfMonth(1), month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1)),
                    ReportFiles.ContentType, ReportFiles.RotaHours(month, lines, name));
                await downloads.QueueAsync(uow, m.Actor.Id, file, new DownloadMessage(renderer.RotaReport(model with { CsvLink = IssueDownload.Link }), Summary), now, ct);
            }
            else
                await ChatRequest.CardAsync(uow, m.Actor.Id, renderer.RotaReport(model with { Notice = ShowReport.NoDownloads }), Summary, now, ct);
            log.LogInformation("Rota report for {Month} for {StaffId}", month, m.Actor.Id);
        }
        await uow.CommitAsync(ct);
    }

    private Instant Midnight(LocalDate day) => rota.Zone.AtStartOfDay(day).ToInstant();
}
