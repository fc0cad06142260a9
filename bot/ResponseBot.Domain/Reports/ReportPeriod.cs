using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ResponseBot.Domain.Reports;

/// <summary>A period a manager asked a report for, and the one of equal length just before it that it is compared with.</summary>
/// <param name="PreviousLabel">How the period before is named next to a trend: "the week before".</param>
public sealed record ReportPeriod(Interval Span, string Label, string PreviousLabel)
{
    public Interval Previous => new(Span.Start - Span.Duration, Span.Start);

    public const int MaxDays = 366;

    public const string Usage = "Send \"report week\" (the last 7 days), \"report month\" (the last 30 days) or \"report 2026-11-01 2026-11-30\" " +
        "(from and to dates, both included, at most a year).";

    /// <summary>
    /// "report", "report week", "report month" or "report FROM TO" (ISO dates, both days included). Week and month end now
    /// and start at midnight, today counted: what managers mean by "this past week". A range ending today ends now.
    /// </summary>
    public static ReportPeriod? Parse(string text, Instant now, DateTimeZone zone, out string? problem)
    {
        problem = null;
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', '!', '?', ',')).ToList();
        if (words.Count > 0 && words[0] == "report") words.RemoveAt(0);
        if (words is [_, "to", _]) words.RemoveAt(1);
        var today = now.InZone(zone).Date;
        Instant Midnight(LocalDate d) => zone.AtStartOfDay(d).ToInstant();
        switch (words)
        {
            case [] or ["week"] or ["weekly"] or ["last", "week"] or ["this", "week"]:
                return new ReportPeriod(new Interval(Midnight(today.PlusDays(-6)), now), "the last 7 days", "the week before");
            case ["month"] or ["monthly"] or ["last", "month"] or ["this", "month"]:
                return new ReportPeriod(new Interval(Midnight(today.PlusDays(-29)), now), "the last 30 days", "the 30 days before");
            case [var a, var b] when Date(a) is { } from && Date(b) is { } to:
                if (to < from) problem = "The second date is before the first. " + Usage;
                else if (from > today) problem = "That period hasn't started yet.";
                else if (Days(from, to) > MaxDays) problem = $"A report covers at most {MaxDays} days. " + Usage;
                else
                {
                    var end = to >= today ? now : Midnight(to.PlusDays(1));
                    var days = Days(from, to >= today ? today : to);
                    return new ReportPeriod(new Interval(Midnight(from), end), $"{Day(from)} to {Day(to)}", days == 1 ? "the day before" : $"the {days} days before");
                }
                return null;
            default:
                problem = Usage;
                return null;
        }
    }

    private static int Days(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days + 1;

    private static LocalDate? Date(string word) => LocalDatePattern.Iso.Parse(word) is { Success: true } r ? r.Value : null;

    private static string Day(LocalDate d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
