using System.Text;
using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>One person's out-of-hours shifts as an iCalendar (RFC 5545) feed that Outlook can subscribe to.</summary>
public static class ShiftCalendar
{
    public const string DefaultName = "On-call shifts (ResponseBot)";

    // Longer than any covered window (a long bank-holiday weekend), so no shift overlapping the range is cut short.
    private static readonly Duration Margin = Duration.FromDays(14);

    /// <summary>The span to load the plan for, so that <see cref="For"/> sees whole shifts at the range's edges.</summary>
    public static Interval Lookup(Interval range) => new(range.Start - Margin, range.End + Margin);

    /// <summary>
    /// <paramref name="staffId"/>'s shifts in every layer that overlap <paramref name="range"/>, with their real
    /// start and end: a shift clipped to the range would change its start (and so its UID) at every refresh.
    /// </summary>
    public static IReadOnlyList<RotaShift> For(RotaPlan plan, string staffId, Interval range) =>
        Enum.GetValues<Layer>()
            .SelectMany(layer => plan.Shifts(layer, Lookup(range)))
            .Where(s => s.StaffId == staffId && s.Start < range.End && s.End > range.Start)
            .OrderBy(s => s.Start).ThenBy(s => s.Layer)
            .ToList();

    public static string Build(IEnumerable<RotaShift> shifts, Instant now, string name = DefaultName)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(CalendarText.Fold(line)).Append("\r\n");

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//ResponseBot//On-call shifts//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + CalendarText.Escape(name));
        Line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        Line("X-PUBLISHED-TTL:PT1H");
        foreach (var shift in shifts)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{Uid(shift)}");
            Line("DTSTAMP:" + CalendarText.UtcDateTime(now));
            Line("DTSTART:" + CalendarText.UtcDateTime(shift.Start));
            Line("DTEND:" + CalendarText.UtcDateTime(shift.End));
            Line("SUMMARY:" + CalendarText.Escape(Summary(shift.Layer)));
            Line("DESCRIPTION:" + CalendarText.Escape(Description(shift)));
            Line("TRANSP:TRANSPARENT");
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>Stable across refreshes, so a calendar updates an event in place instead of duplicating it.</summary>
    public static string Uid(RotaShift shift) =>
        $"shift-{shift.Layer.ToString().ToLowerInvariant()}-{shift.Start.ToUnixTimeSeconds()}@responsebot";

    public static string Summary(Layer layer) => $"On call — {Role(layer)}";

    private static string Role(Layer layer) => layer == Layer.Manager ? "manager on duty" : layer.ToString().ToLowerInvariant();

    private static string Description(RotaShift shift) =>
        $"Out-of-hours cover as {Role(shift.Layer)}. " +
        (shift.IsOverride
            ? "This is an override: you're covering in place of whoever the rota names."
            : "From the rota. If you can't do it, ask a coordinator to arrange cover.");
}
