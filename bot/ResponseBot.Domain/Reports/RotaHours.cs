using System.Globalization;
using NodaTime;
using NodaTime.Text;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Reports;

/// <summary>
/// One person's time holding one layer in a month: what standby and call-out allowances are paid on. Weekend and bank
/// holiday hours are apart because allowances usually pay them at another rate. A null <see cref="StaffId"/> is cover
/// nobody held.
/// </summary>
public sealed record RotaHoursLine(string? StaffId, Layer Layer, int Shifts, Duration Hours, Duration WeekendAndHolidayHours);

/// <summary>The rota as planned for one calendar month, overrides and approved swaps included, summed per person and layer.</summary>
public static class RotaHours
{
    public static IReadOnlyList<RotaHoursLine> For(RotaPlan plan, IEnumerable<Layer> layers, Interval month) =>
        layers.SelectMany(layer => plan.Shifts(layer, month)
                .GroupBy(s => s.StaffId)
                .Select(g => new RotaHoursLine(g.Key, layer, g.Count(), Sum(g.Select(s => s.Length)), Sum(g.Select(s => AllDayPart(plan, s))))))
            .OrderBy(l => l.StaffId is null).ThenBy(l => l.Layer).ThenByDescending(l => l.Hours).ThenBy(l => l.StaffId, StringComparer.Ordinal)
            .ToList();

    // The part of a shift on days covered all day (weekends, bank holidays), cut at local midnights.
    private static Duration AllDayPart(RotaPlan plan, RotaShift shift)
    {
        var total = Duration.Zero;
        for (var day = shift.Start.InZone(plan.Zone).Date; plan.Zone.AtStartOfDay(day).ToInstant() < shift.End; day = day.PlusDays(1))
        {
            if (!plan.Coverage.IsAllDay(day)) continue;
            var start = Instant.Max(shift.Start, plan.Zone.AtStartOfDay(day).ToInstant());
            var end = Instant.Min(shift.End, plan.Zone.AtStartOfDay(day.PlusDays(1)).ToInstant());
            if (end > start) total += end - start;
        }
        return total;
    }

    private static Duration Sum(IEnumerable<Duration> durations) => durations.Aggregate(Duration.Zero, (a, b) => a + b);

    public const string Usage = "Send \"rota report\" (this month), \"rota report last month\", \"rota report october\" or \"rota report 2026-10\".";

    /// <summary>
    /// Which month "rota report …" asks for: this month by default, "last month", a month's name (the latest one that has
    /// begun, so "december" in January is last December), with a year, or yyyy-MM. Null when the words say no month.
    /// </summary>
    public static YearMonth? Month(string text, LocalDate today)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', '!', '?', ',')).ToList();
        if (words is ["rota", "report", ..]) words.RemoveRange(0, 2);
        var thisMonth = today.ToYearMonth();
        switch (words)
        {
            case [] or ["this", "month"]: return thisMonth;
            case ["last", "month"] or ["last"]: return thisMonth.OnDayOfMonth(1).PlusMonths(-1).ToYearMonth();
            case [var iso] when YearMonthPattern.Iso.Parse(iso) is { Success: true } r: return r.Value;
            case [var name] when MonthNumber(name) is { } m:
                return new YearMonth(m <= thisMonth.Month ? thisMonth.Year : thisMonth.Year - 1, m);
            case [var name, var year] when MonthNumber(name) is { } m && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 9999:
                return new YearMonth(y, m);
            default: return null;
        }
    }

    private static int? MonthNumber(string word)
    {
        var names = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
        for (var i = 0; i < 12; i++)
            if (word.Equals(names[i], StringComparison.OrdinalIgnoreCase) || (word.Length >= 3 && names[i].StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                return i + 1;
        return null;
    }
}
