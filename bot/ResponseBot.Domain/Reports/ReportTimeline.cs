using System.Globalization;
using NodaTime;

namespace ResponseBot.Domain.Reports;

/// <summary>Mentions received and replies posted in one slice of a period.</summary>
public sealed record TimelinePoint(string Label, Instant Start, int Mentions, int Replies);

/// <summary>
/// A period cut into at most a few dozen slices for a line chart: hours for a night, six hours for a weekend, days for up
/// to six weeks, weeks beyond. Days and weeks start at local midnight, so a day reads as people lived it.
/// </summary>
public static class ReportTimeline
{
    public static IReadOnlyList<TimelinePoint> Of(IReadOnlyList<DigestCase> cases, Interval period, DateTimeZone zone)
    {
        var starts = Starts(period, zone);
        int Slice(Instant t) => starts.FindLastIndex(s => s <= t);
        var mentions = new int[starts.Count];
        var replies = new int[starts.Count];
        foreach (var c in cases)
        {
            if (period.Contains(c.ReceivedAt) && Slice(c.ReceivedAt) is >= 0 and var i) mentions[i]++;
            if (c.PublishedAt is { } p && period.Contains(p) && Slice(p) is >= 0 and var j) replies[j]++;
        }
        var label = Label(period);
        return starts.Select((s, i) => new TimelinePoint(s.InZone(zone).ToString(label, CultureInfo.InvariantCulture), s, mentions[i], replies[i])).ToList();
    }

    private static List<Instant> Starts(Interval period, DateTimeZone zone)
    {
        var length = period.Duration;
        if (length <= Duration.FromDays(3))
        {
            var step = length <= Duration.FromDays(1) ? Duration.FromHours(1) : Duration.FromHours(6);
            // Whole hours (UTC and every zone a council works in agree on those), from the hour the period starts in.
            var first = Instant.FromUnixTimeSeconds(period.Start.ToUnixTimeSeconds() / 3600 * 3600);
            var hours = new List<Instant>();
            for (var t = first; t < period.End; t += step) hours.Add(t);
            return hours;
        }
        var days = length <= Duration.FromDays(45) ? 1 : 7;
        var starts = new List<Instant>();
        for (var day = period.Start.InZone(zone).Date; zone.AtStartOfDay(day).ToInstant() < period.End; day = day.PlusDays(days))
            starts.Add(zone.AtStartOfDay(day).ToInstant());
        return starts;
    }

    private static string Label(Interval period) =>
        period.Duration <= Duration.FromDays(1) ? "HH:mm" : period.Duration <= Duration.FromDays(3) ? "ddd HH:mm" : "ddd d MMM";
}
