using NodaTime;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Views;

/// <summary>Mentions for one account, named as the card says it ("@ExampleCouncil on X").</summary>
public sealed record AccountLine(string Label, int Mentions);

/// <summary>
/// A report card: the morning digest, or a manager's report for a period. The figures drawn as charts (accounts, priorities,
/// mentions over time) and tables; with a trend against the period before, a CSV link, and the digest's text for hosts
/// that can't draw cards.
/// </summary>
public sealed record ReportCardModel(string Title, Interval Period, DateTimeZone Zone, ReportFigures Figures, IReadOnlyList<AccountLine> Accounts,
    IReadOnlyList<TimelinePoint> Timeline, string FallbackText)
{
    public ReportTrend? Trend { get; init; }
    /// <summary>What the trend compares with: "the previous 7 days".</summary>
    public string? TrendAgainst { get; init; }
    public Uri? CsvLink { get; init; }
    public string? Notice { get; init; }
}

/// <summary>One person's (or nobody's) hours on one layer in the month.</summary>
public sealed record RotaHoursRow(string? Name, Layer Layer, int Shifts, Duration Hours, Duration WeekendAndHolidayHours);

/// <summary>"rota report": hours on call per person and layer for a month, from the rota as planned with cover and swaps.</summary>
public sealed record RotaReportCardModel(YearMonth Month, IReadOnlyList<RotaHoursRow> Rows, bool Complete)
{
    public Uri? CsvLink { get; init; }
    public string? Notice { get; init; }
}
