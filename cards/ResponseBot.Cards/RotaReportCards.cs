using System.Globalization;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Rota;
using static ResponseBot.Cards.ReportTables;

namespace ResponseBot.Cards;

/// <summary>"rota report": hours on call per person and layer for a month, for standby and call-out allowances.</summary>
public static class RotaReportCards
{
    public static AdaptiveCard Hours(RotaReportCardModel m)
    {
        var month = m.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var body = new List<Element>
        {
            new TextBlock($"Rota hours, {month}") { Weight = "Bolder", Size = "Medium" },
            new TextBlock("Hours on call per person and layer, from the rota with its cover and approved swaps" +
                (m.Complete ? "." : ": the month isn't over, so the rest is as planned now.")) { IsSubtle = true, Spacing = "None" },
        };
        if (m.Notice is { } notice) body.Add(new TextBlock(notice) { Color = "Warning" });
        foreach (var layer in m.Rows.Select(r => r.Layer).Distinct().Order())
        {
            var rows = m.Rows.Where(r => r.Layer == layer).ToList();
            body.Add(Heading(RotaText.Title(layer)));
            body.Add(Of(["Person", "Shifts", "Hours", "Weekend and bank holiday"],
                rows.Select(r => new[] { r.Name ?? "Nobody (uncovered)", Number(r.Shifts), Hours(r.Hours), Hours(r.WeekendAndHolidayHours) }), names: true, 3, 1, 1, 2));
        }
        if (m.Rows.Count == 0) body.Add(new TextBlock("Nobody is on the rota this month.") { IsSubtle = true });
        return new AdaptiveCard(body) { Actions = m.CsvLink is { } csv ? [new OpenUrlAction("Download CSV", csv)] : null };
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Hours(NodaTime.Duration d) => Math.Round(d.TotalHours, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
