using System.Globalization;
using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Reports;

/// <summary>The CSV files behind the report cards: one row per case, or per person and layer. No public text in either.</summary>
public static class ReportFiles
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <param name="accountName">An account id's handle and platform, each a column of its own.</param>
    public static byte[] Cases(ReportFigures f, Func<string, (string Account, string Platform)> accountName, DateTimeZone zone)
    {
        var csv = new Csv("case", "received", "account", "platform", "priority", "state", "first_reply_at", "minutes_to_first_reply",
            "respond_by", "respond_by_missed", "escalated_by_staff", "escalated_by_timer", "replied_by", "approved_by", "dismissed_by");
        var late = f.Late.Select(c => c.Id).ToHashSet();
        foreach (var c in f.Cases.OrderBy(c => c.ReceivedAt))
        {
            var (account, platform) = accountName(c.AccountId);
            csv.Row(c.Id, Local(c.ReceivedAt, zone), account, platform, c.Priority.ToString(), c.State.ToString(), Local(c.PublishedAt, zone),
                c.PublishedAt is { } p ? Math.Round((p - c.ReceivedAt).TotalMinutes, 1) : null, Local(c.RespondBy, zone), late.Contains(c.Id) ? "yes" : "no",
                c.Escalations, c.TimerEscalations, c.PublishedAt is null ? null : c.RepliedBy?.Name, c.ApprovedBy?.Name,
                c.State == Domain.Cases.CaseState.Dismissed ? c.DismissedBy?.Name : null);
        }
        return csv.ToBytes();
    }

    public static byte[] RotaHours(YearMonth month, IReadOnlyList<RotaHoursLine> lines, Func<string, string> name)
    {
        var csv = new Csv("month", "person", "staff_id", "layer", "shifts", "hours", "weekend_and_bank_holiday_hours");
        foreach (var l in lines)
            csv.Row(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), l.StaffId is { } id ? name(id) : "(nobody: uncovered)", l.StaffId,
                RotaText.Title(l.Layer), l.Shifts, Math.Round(l.Hours.TotalHours, 2), Math.Round(l.WeekendAndHolidayHours.TotalHours, 2));
        return csv.ToBytes();
    }

    public static string FileName(string what, LocalDate from, LocalDate to) =>
        $"responsebot-{what}-{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-to-{to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";

    private static string? Local(Instant? t, DateTimeZone zone) => t?.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
