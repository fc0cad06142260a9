using System.Globalization;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Reports;
using static ResponseBot.Cards.ReportTables;

namespace ResponseBot.Cards;

/// <summary>
/// The morning digest and managers' reports: the headline figures as facts, then charts (accounts, priorities, mentions over
/// time) that Teams draws and other hosts show as tables, who handled what, and the CSV link. No public text on it.
/// </summary>
public static class ReportCards
{
    /// <summary>Case numbers listed in a fact before the rest are left to the CSV.</summary>
    public const int MaxIds = 20;

    public static string Summary(ReportCardModel m) => $"{m.Title}: {MorningDigest.Plural(m.Figures.Mentions, "mention")}";

    public static AdaptiveCard Report(ReportCardModel m)
    {
        var f = m.Figures;
        var body = new List<Element>
        {
            new TextBlock(m.Title) { Weight = "Bolder", Size = "Medium" },
            new TextBlock($"{MorningDigest.At(m.Period.Start, m.Zone)} to {MorningDigest.At(m.Period.End, m.Zone)}" +
                (m.TrendAgainst is { } against ? $", compared with {against}" : "")) { IsSubtle = true, Spacing = "None" },
        };
        if (m.Notice is { } notice) body.Add(new TextBlock(notice) { Color = "Warning" });
        body.Add(new FactSet(Facts(m)));
        if (f.Mentions > 0)
        {
            body.Add(Heading("Mentions by account"));
            body.Add(new VerticalBarChart(m.Accounts.Select(a => new BarPoint(a.Label, a.Mentions)).ToList())
            {
                YAxisTitle = "Mentions", ShowBarValues = true, ColorSet = "categorical",
                Fallback = Of(["Account", "Mentions"], m.Accounts.Select(a => Row(a.Label, a.Mentions)), names: false, 3, 1),
            });
            body.Add(Heading("Mentions by priority"));
            body.Add(new DonutChart(f.ByPriority.Where(p => p.Mentions > 0).Select(p => new DonutSlice(p.Key.ToString(), p.Mentions) { Color = Colour(p.Key) }).ToList())
            {
                Fallback = Of(["Priority", "Mentions"], f.ByPriority.Select(p => Row(p.Key.ToString(), p.Mentions)), names: false, 3, 1),
            });
            body.Add(Heading("Over time"));
            body.Add(new LineChart([Series("Mentions", m.Timeline, p => p.Mentions), Series("Replies", m.Timeline, p => p.Replies)])
            {
                Fallback = Of(["From", "Mentions", "Replies"], m.Timeline.Select(p => Row(p.Label, p.Mentions, p.Replies)), names: false, 2, 1, 1),
            });
            body.Add(Heading("Who handled what"));
            body.Add(f.Staff.Count == 0
                ? new TextBlock("Nobody replied to, approved or dismissed any of these cases yet.") { IsSubtle = true }
                : Of(["Person", "Replied", "Approved", "Dismissed"], f.Staff.Select(s => Row(s.Name, s.Replied, s.Approved, s.Dismissed)), names: true, 3, 1, 1, 1));
        }
        return new AdaptiveCard(body)
        {
            FallbackText = m.FallbackText,
            Actions = m.CsvLink is { } csv ? [new OpenUrlAction("Download CSV", csv)] : null,
        };
    }

    private static List<Fact> Facts(ReportCardModel m)
    {
        var f = m.Figures;
        var t = m.Trend;
        var facts = new List<Fact>
        {
            new("Mentions", $"{f.Mentions}: {f.Replied} replied, {f.Dismissed} dismissed, {f.Open.Count} still open" + Also(t?.MentionsText)),
            new("First response", (f.Median is { } median
                ? string.Create(CultureInfo.InvariantCulture, $"median {median:0} min, 90th percentile {f.Percentile90:0} min, longest {f.Longest:0} min")
                : "no replies posted") + Also(t?.MedianText)),
            new("Respond-by missed", (f.Late.Count == 0 ? "none" : $"{f.Late.Count}: {Ids(f.Late)}") + Also(t?.MissesText)),
            new("Escalations", f.Escalated == 0 ? "none" : string.Join("; ", new[]
            {
                f.EscalatedByTimer.Count > 0 ? $"{f.EscalatedByTimer.Count} because nobody acted in time ({Ids(f.EscalatedByTimer)})" : null,
                f.EscalatedByPeople.Count > 0 ? $"{f.EscalatedByPeople.Count} by staff ({Ids(f.EscalatedByPeople)})" : null,
            }.OfType<string>())),
        };
        if (f.Open.Count > 0) facts.Add(new("Still open", Ids(f.Open, c => $"#{c.Id} ({c.State})")));
        return facts;
    }

    private static string Also(string? trend) => trend is null ? "" : $" ({trend})";

    private static string Ids(IReadOnlyList<DigestCase> cases, Func<DigestCase, string>? each = null) =>
        string.Join(", ", cases.Take(MaxIds).Select(each ?? (c => $"#{c.Id}"))) + (cases.Count > MaxIds ? $" and {cases.Count - MaxIds} more (see the CSV)" : "");

    private static LineSeries Series(string legend, IReadOnlyList<TimelinePoint> points, Func<TimelinePoint, int> value) =>
        new(legend, points.Select(p => new LinePoint(p.Label, value(p))).ToList());

    private static string[] Row(string label, params int[] numbers) =>
        [label, .. numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private static string Colour(ReportPriority p) => p switch { ReportPriority.Emergency => "attention", ReportPriority.Urgent => "warning", _ => "good" };
}
