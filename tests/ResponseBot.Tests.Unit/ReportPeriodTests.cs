using NodaTime;
using ResponseBot.Domain.Reports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Tests.Unit;

/// <summary>Which period "report …" and which month "rota report …" ask for, and the hours a month of the rota adds up to.</summary>
public sealed class ReportPeriodTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 10, 0);   // Monday, GMT

    private static LocalDateTime Local(Instant t) => t.InZone(London).LocalDateTime;

    [Theory]
    [InlineData("report", "2026-11-17T00:00:00", "the last 7 days")]
    [InlineData("Report week.", "2026-11-17T00:00:00", "the last 7 days")]
    [InlineData("report month", "2026-10-25T00:00:00", "the last 30 days")]
    [InlineData("report 2026-11-01 2026-11-30", "2026-11-01T00:00:00", "1 Nov 2026 to 30 Nov 2026")]
    public void Week_and_month_end_now_and_start_at_midnight_today_counted_and_a_range_is_whole_days(string text, string start, string label)
    {
        var period = ReportPeriod.Parse(text, Now, London, out var problem);
        Assert.Null(problem);
        Assert.Equal(LocalDateTime.FromDateTime(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture)), Local(period!.Span.Start));
        Assert.Equal(Now, period.Span.End);   // a range running past today ends now
        Assert.Equal(label, period.Label);
        Assert.Equal(period.Span.Start, period.Previous.End);
        Assert.Equal(period.Span.Duration, period.Previous.Duration);
    }

    [Fact]
    public void A_past_range_includes_its_last_day_and_the_previous_period_is_as_long()
    {
        var period = ReportPeriod.Parse("report 2026-11-01 to 2026-11-07", Now, London, out _)!;
        Assert.Equal(new Interval(Instant.FromUtc(2026, 11, 1, 0, 0), Instant.FromUtc(2026, 11, 8, 0, 0)), period.Span);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 0), period.Previous.Start);
        Assert.Equal("the 7 days before", period.PreviousLabel);
    }

    [Theory]
    [InlineData("report fortnight", "report week")]
    [InlineData("report 2026-11-10 2026-11-01", "before the first")]
    [InlineData("report 2025-01-01 2026-11-01", "at most 366 days")]
    [InlineData("report 2026-12-01 2026-12-05", "hasn't started")]
    [InlineData("report 01/11/2026 30/11/2026", "report 2026-11-01 2026-11-30")]
    public void Anything_else_is_refused_with_what_to_send(string text, string said)
    {
        Assert.Null(ReportPeriod.Parse(text, Now, London, out var problem));
        Assert.Contains(said, problem);
    }

    [Theory]
    [InlineData("rota report", "2026-01")]
    [InlineData("Rota report this month", "2026-01")]
    [InlineData("rota report last month", "2025-12")]
    [InlineData("rota report december", "2025-12")]   // the latest December that has begun
    [InlineData("rota report jan", "2026-01")]
    [InlineData("rota report feb", "2025-02")]
    [InlineData("rota report 2025-11", "2025-11")]
    [InlineData("rota report November 2024", "2024-11")]
    [InlineData("rota report soon", null)]
    [InlineData("rota report 2025-13", null)]
    public void The_rota_report_month_is_this_month_unless_named(string text, string? month) =>
        Assert.Equal(month, RotaHours.Month(text, new LocalDate(2026, 1, 15))?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Rota_hours_add_up_each_persons_cover_per_layer_with_a_swap_moved_and_weekend_hours_apart()
    {
        static Instant At(int d, int h) => London.AtStrictly(new LocalDateTime(2026, 1, d, h, 0)).ToInstant();
        // Nightly at 17:00 from Monday 5 January with Alex, then Megan, then Adele; Megan covers Alex's Thursday night.
        var plan = new RotaPlan(London, new Coverage(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales),
            [new Rotation(Layer.Primary, ["alex", "megan", "adele"], new LocalDate(2026, 1, 5), new LocalTime(17, 0), ShiftDays: 1)],
            [new RotaOverride(1, Layer.Primary, "megan", At(8, 17), At(9, 9), CoveringFor: "alex")]);
        var week = new Interval(At(5, 0), At(12, 0));

        var lines = RotaHours.For(plan, [Layer.Primary, Layer.Secondary], week);

        string Line(RotaHoursLine l) => $"{l.StaffId ?? "nobody"} {l.Layer} {l.Shifts} {l.Hours.TotalHours} {l.WeekendAndHolidayHours.TotalHours}";
        Assert.Equal(
        [
            "megan Primary 3 56 17",   // Tue night 16, Thu night (cover) 16, Fri 17:00 to Sat 17:00 24 (17 of them Saturday)
            "adele Primary 3 49 24",   // Monday 00:00-09:00 (Sunday's night) 9, Wed night 16, Sat 17:00 to Sun 17:00 24
            "alex Primary 2 23 7",     // Mon night 16, Sunday 17:00 to the end of the week 7
            "nobody Secondary 6 128 48",
        ], lines.Select(Line));
    }
}
