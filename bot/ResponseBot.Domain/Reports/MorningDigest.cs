using NodaTime;
using System.Globalization;
using System.Text;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Reports;

/// <summary>One case as the digest sees it.</summary>
public sealed record DigestCase(long Id, Instant ReceivedAt, CaseState State, Instant? PublishedAt, Instant? RespondBy, int TimerEscalations);

/// <summary>What managers read each morning: what came in out of hours and how fast it was answered.</summary>
public static class MorningDigest
{
    public static string Text(IReadOnlyList<DigestCase> cases, Instant from, Instant to, Instant now, DateTimeZone zone)
    {
        string At(Instant t) => t.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        string Ids(IEnumerable<DigestCase> cs) => string.Join(", ", cs.Select(c => $"#{c.Id}"));
        var text = new StringBuilder($"Out-of-hours report, {At(from)} to {At(to)}");
        if (cases.Count == 0) return text.Append(": no mentions came in.").ToString();

        var sent = cases.Where(c => c.State == CaseState.Sent && c.PublishedAt is not null).ToList();
        var dismissed = cases.Count(c => c.State == CaseState.Dismissed);
        var open = cases.Where(c => c.State.IsOpen()).ToList();
        text.Append($"\n\n- {Plural(cases.Count, "mention")} received: {sent.Count} replied, {dismissed} dismissed, {open.Count} still open.");

        var minutes = sent.Select(c => (c.PublishedAt!.Value - c.ReceivedAt).TotalMinutes).Order().ToList();
        if (minutes.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\n- Time to reply: median {Median(minutes):0} min, longest {minutes[^1]:0} min.");

        // Late: replied after the respond-by time, or still unanswered past it.
        var late = cases.Where(c => c.RespondBy is { } by && (c.PublishedAt is { } p ? p > by : c.State.IsOpen() && now > by)).ToList();
        text.Append(late.Count == 0 ? "\n- Every respond-by time was met." : $"\n- {Plural(late.Count, "response time")} missed: {Ids(late)}.");

        var escalated = cases.Where(c => c.TimerEscalations > 0).ToList();
        if (escalated.Count > 0)
            text.Append($"\n- {Plural(escalated.Count, "case")} escalated because nobody acted in time: {Ids(escalated)}.");
        if (open.Count > 0)
            text.Append($"\n- Still open: {string.Join(", ", open.Select(c => $"#{c.Id} ({c.State})"))}.");
        return text.ToString();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
