using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>
/// When out-of-hours cover is needed: every night from <see cref="OfficeCloses"/> to <see cref="OfficeOpens"/>,
/// and (by default) weekends and the nation's bank holidays all day. Outside these windows the office team is
/// working and nobody is paged.
/// </summary>
public sealed record Coverage(LocalTime OfficeOpens, LocalTime OfficeCloses, Nation Nation)
{
    public bool WeekendsAllDay { get; init; } = true;
    public bool BankHolidaysAllDay { get; init; } = true;

    public bool IsAllDay(LocalDate date) =>
        (WeekendsAllDay && date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        || (BankHolidaysAllDay && BankHolidays.For(Nation).Contains(date));

    public bool IsCovered(LocalDateTime t) => IsAllDay(t.Date) || t.TimeOfDay >= OfficeCloses || t.TimeOfDay < OfficeOpens;

    /// <summary>The covered spans within <paramref name="range"/>, merged where they touch (a weekend is one window).</summary>
    public IReadOnlyList<Interval> Windows(Interval range, DateTimeZone zone)
    {
        var spans = new List<Interval>();
        var first = range.Start.InZone(zone).Date.PlusDays(-1);
        var last = range.End.InZone(zone).Date.PlusDays(1);
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            // Local times mapped leniently: a window edge that falls in a spring-forward gap moves to the gap's end.
            Instant At(LocalDate d, LocalTime t) => zone.AtLeniently(d.At(t)).ToInstant();
            var midnight = zone.AtStartOfDay(day).ToInstant();
            var nextMidnight = zone.AtStartOfDay(day.PlusDays(1)).ToInstant();
            if (IsAllDay(day))
                spans.Add(new Interval(midnight, nextMidnight));
            else
            {
                spans.Add(new Interval(midnight, At(day, OfficeOpens)));
                spans.Add(new Interval(At(day, OfficeCloses), nextMidnight));
            }
        }
        return Merge(spans.Select(s => Clip(s, range)).OfType<Interval>());
    }

    internal static Interval? Clip(Interval i, Interval range)
    {
        var start = Instant.Max(i.Start, range.Start);
        var end = Instant.Min(i.End, range.End);
        return start < end ? new Interval(start, end) : null;
    }

    internal static IReadOnlyList<Interval> Merge(IEnumerable<Interval> intervals)
    {
        var merged = new List<Interval>();
        foreach (var i in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && merged[^1].End >= i.Start)
                merged[^1] = new Interval(merged[^1].Start, Instant.Max(merged[^1].End, i.End));
            else
                merged.Add(i);
        }
        return merged;
    }
}
