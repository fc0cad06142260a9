using NodaTime;
using System.Globalization;
using System.Text;

namespace ResponseBot.Domain.Reports;

/// <summary>
/// What managers read each morning, as plain text: what came in out of hours and how fast it was answered. The card shows
/// the same facts with charts; this text is what a host that can't draw the card shows instead.
/// </summary>
public static class MorningDigest
{
    public static string Text(IReadOnlyList<DigestCase> cases, Instant from, Instant to, Instant now, DateTimeZone zone) =>
        Text(ReportFigures.Of(cases, now), from, to, zone);

    public static string Text(ReportFigures f, Instant from, Instant to, DateTimeZone zone)
    {
        var text = new StringBuilder($"Out-of-hours report, {At(from, zone)} to {At(to, zone)}");
        if (f.Mentions == 0) return text.Append(": no mentions came in.").ToString();

        text.Append($"\n\n- {Plural(f.Mentions, "mention")} received: {f.Replied} replied, {f.Dismissed} dismissed, {f.Open.Count} still open.");
        if (f.Median is { } median)
            text.Append(CultureInfo.InvariantCulture, $"\n- Time to reply: median {median:0} min, longest {f.Longest:0} min.")
                .Append(CultureInfo.InvariantCulture, $"\n- 9 in 10 replies within {f.Percentile90:0} min (90th percentile).");
        text.Append(f.Late.Count == 0 ? "\n- Every respond-by time was met." : $"\n- {Plural(f.Late.Count, "response time")} missed: {Ids(f.Late)}.");
        if (f.EscalatedByTimer.Count > 0)
            text.Append($"\n- {Plural(f.EscalatedByTimer.Count, "case")} escalated because nobody acted in time: {Ids(f.EscalatedByTimer)}.");
        if (f.EscalatedByPeople.Count > 0)
            text.Append($"\n- {Plural(f.EscalatedByPeople.Count, "case")} escalated to the managers by staff: {Ids(f.EscalatedByPeople)}.");
        if (f.Open.Count > 0)
            text.Append($"\n- Still open: {string.Join(", ", f.Open.Select(c => $"#{c.Id} ({c.State})"))}.");
        return text.ToString();
    }

    public static string At(Instant t, DateTimeZone zone) => t.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static string Ids(IEnumerable<DigestCase> cases) => string.Join(", ", cases.Select(c => $"#{c.Id}"));

    public static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
