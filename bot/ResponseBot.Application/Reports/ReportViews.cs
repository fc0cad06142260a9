using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Reports;

/// <summary>Reads the cases of a period (and of the one before, for a trend) and turns them into the report card's model.</summary>
public sealed class ReportViews(IAccountDirectory accounts, RotaConfig rota)
{
    public static Task<IReadOnlyList<DigestCase>> CasesAsync(IUnitOfWork uow, Interval period, CancellationToken ct) =>
        uow.Reports.CasesReceivedAsync(period.Start, period.End, DecisionActions.EscalatedByTimer, DecisionActions.Escalated, ct);

    /// <param name="now">Decides which unanswered cases are already late.</param>
    public ReportCardModel Model(string title, Interval period, IReadOnlyList<DigestCase> cases, Instant now)
    {
        var figures = ReportFigures.Of(cases, now);
        return new ReportCardModel(title, period, rota.Zone, figures,
            figures.ByAccount.Select(a => new AccountLine(Account(a.Key).Account, a.Mentions)).ToList(),
            ReportTimeline.Of(cases, period, rota.Zone), MorningDigest.Text(figures, period.Start, period.End, rota.Zone));
    }

    /// <summary>An account as people know it, and its platform; an account no longer configured by its id.</summary>
    public (string Account, string Platform) Account(string accountId) =>
        accounts.Find(accountId) is { } a ? (a.PostedAs, a.PlatformName) : (accountId, "");

    // In the CSV an account is its handle without the "@": a spreadsheet takes a cell starting with "@" for a formula.
    public byte[] Csv(ReportFigures figures) => ReportFiles.Cases(figures,
        id => accounts.Find(id) is { } a ? (a.Handle.TrimStart('@'), a.PlatformName) : (id, ""), rota.Zone);
}
