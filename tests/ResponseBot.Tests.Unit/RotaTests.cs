using ResponseBot.Domain;
using NodaTime;
using ResponseBot.Domain.Rota;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

/// <summary>Who is on call when: handoffs, layers, overrides, bank holidays per nation, and the 2026 clock changes.</summary>
public sealed class RotaTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Coverage Standard = new(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales);

    private static Instant At(int y, int m, int d, int h, int min = 0) => London.AtStrictly(new LocalDateTime(y, m, d, h, min)).ToInstant();

    private static RotaPlan Plan(Coverage? coverage = null, params RotaOverride[] overrides) => new(London, coverage ?? Standard,
    [
        // Nightly handoff at 17:00, three officers in turn, starting Monday 5 Jan 2026 with Alex.
        new Rotation(Layer.Primary, ["alex", "megan", "adele"], new LocalDate(2026, 1, 5), new LocalTime(17, 0), ShiftDays: 1),
        // Managers rotate weekly on Mondays at 09:00.
        new Rotation(Layer.Manager, ["mia", "noah"], new LocalDate(2026, 1, 5), new LocalTime(9, 0), ShiftDays: 7),
    ], overrides);

    [Fact]
    public void The_rotation_hands_off_at_the_local_handoff_time_and_nobody_is_on_call_in_office_hours()
    {
        var plan = Plan();
        Assert.Equal("alex", plan.OnCall(Layer.Primary, At(2026, 1, 5, 17, 0)));
        Assert.Equal("alex", plan.OnCall(Layer.Primary, At(2026, 1, 6, 8, 59)));
        Assert.Null(plan.OnCall(Layer.Primary, At(2026, 1, 6, 12, 0)));        // office hours
        Assert.Equal("megan", plan.OnCall(Layer.Primary, At(2026, 1, 6, 17, 0)));
        Assert.Equal("adele", plan.OnCall(Layer.Primary, At(2026, 1, 7, 23, 0)));
        Assert.Equal("alex", plan.OnCall(Layer.Primary, At(2026, 1, 8, 17, 30)));
        // Before the rotation's start date it still cycles (backwards), rather than leaving a hole.
        Assert.Equal("adele", plan.OnCall(Layer.Primary, At(2026, 1, 4, 20, 0)));
    }

    [Fact]
    public void Layers_rotate_independently_and_a_layer_without_a_rotation_is_a_gap()
    {
        var plan = Plan();
        Assert.Equal("mia", plan.OnCall(Layer.Manager, At(2026, 1, 6, 22, 0)));
        Assert.Equal("noah", plan.OnCall(Layer.Manager, At(2026, 1, 12, 9, 0).Plus(Duration.FromHours(10))));
        Assert.Null(plan.OnCall(Layer.Secondary, At(2026, 1, 6, 22, 0)));
        var night = new Interval(At(2026, 1, 6, 12, 0), At(2026, 1, 7, 12, 0));
        var gap = Assert.Single(plan.Gaps(Layer.Secondary, night));
        Assert.Equal((At(2026, 1, 6, 17, 0), At(2026, 1, 7, 9, 0)), (gap.Start, gap.End));
    }

    [Fact]
    public void An_override_covers_part_of_a_shift_and_the_latest_override_wins()
    {
        var plan = Plan(null,
            new RotaOverride(1, Layer.Primary, "sam", At(2026, 1, 6, 20, 0), At(2026, 1, 7, 2, 0), CoveringFor: "megan"),
            new RotaOverride(2, Layer.Primary, "kai", At(2026, 1, 6, 23, 0), At(2026, 1, 7, 0, 0), CoveringFor: "sam"));
        var shifts = plan.Shifts(Layer.Primary, new Interval(At(2026, 1, 6, 12, 0), At(2026, 1, 7, 12, 0)));
        Assert.Equal(
        [
            ("megan", At(2026, 1, 6, 17, 0), At(2026, 1, 6, 20, 0), false),
            ("sam", At(2026, 1, 6, 20, 0), At(2026, 1, 6, 23, 0), true),
            ("kai", At(2026, 1, 6, 23, 0), At(2026, 1, 7, 0, 0), true),
            ("sam", At(2026, 1, 7, 0, 0), At(2026, 1, 7, 2, 0), true),
            ("megan", At(2026, 1, 7, 2, 0), At(2026, 1, 7, 9, 0), false),
        ], shifts.Select(s => (s.StaffId!, s.Start, s.End, s.IsOverride)));
        Assert.Equal("kai", plan.OnCall(Layer.Primary, At(2026, 1, 6, 23, 30)));
    }

    [Fact]
    public void Weekends_are_covered_all_day_as_one_window()
    {
        var weekend = Plan().Shifts(Layer.Primary, new Interval(At(2026, 1, 9, 12, 0), At(2026, 1, 12, 12, 0)));
        Assert.Equal(At(2026, 1, 9, 17, 0), weekend[0].Start);   // Friday evening
        Assert.Equal(At(2026, 1, 12, 9, 0), weekend[^1].End);    // Monday morning
        Assert.All(weekend.Zip(weekend.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        Assert.Equal(["megan", "adele", "alex"], weekend.Select(s => s.StaffId)); // Fri, Sat and Sun nights
    }

    [Theory]
    [InlineData(Nation.EnglandAndWales, 2026, 8, 31, true)]
    [InlineData(Nation.Scotland, 2026, 8, 31, false)]
    [InlineData(Nation.Scotland, 2026, 8, 3, true)]
    [InlineData(Nation.EnglandAndWales, 2026, 8, 3, false)]
    [InlineData(Nation.NorthernIreland, 2026, 3, 17, true)]
    [InlineData(Nation.EnglandAndWales, 2026, 3, 17, false)]
    [InlineData(Nation.NorthernIreland, 2026, 7, 13, true)]
    [InlineData(Nation.Scotland, 2026, 11, 30, true)]
    [InlineData(Nation.EnglandAndWales, 2026, 12, 28, true)]
    [InlineData(Nation.Scotland, 2027, 1, 4, true)]
    [InlineData(Nation.EnglandAndWales, 2028, 1, 3, true)]
    public void Bank_holidays_are_covered_all_day_for_the_nation_whose_holiday_it_is(Nation nation, int y, int m, int d, bool allDay)
    {
        var plan = Plan(Standard with { Nation = nation });
        Assert.Equal(allDay, plan.OnCall(Layer.Primary, At(y, m, d, 12, 0)) is not null);
    }

    [Fact]
    public void The_shipped_bank_holidays_cover_2025_to_2028_for_every_nation()
    {
        Assert.Equal((2025, 2028), BankHolidays.Years);
        foreach (var nation in Enum.GetValues<Nation>())
            foreach (var year in Enumerable.Range(2025, 4))
                Assert.InRange(BankHolidays.For(nation).Count(d => d.Year == year), 8, 10);
        // No bank holiday ever falls on a weekend: substitutes are shipped instead.
        Assert.DoesNotContain(Enum.GetValues<Nation>().SelectMany(BankHolidays.For), d => d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
    }

    [Theory]
    [InlineData(3, 28, 15)]   // clocks go forward at 01:00 GMT on 29 March 2026
    [InlineData(10, 24, 17)]  // clocks go back at 02:00 BST on 25 October 2026
    public void A_17_to_09_night_across_a_clock_change_is_the_right_length_with_no_gap_or_overlap(int month, int day, int hours)
    {
        var nightsOnly = Standard with { WeekendsAllDay = false, BankHolidaysAllDay = false };
        var plan = Plan(nightsOnly);
        var evening = London.AtStrictly(new LocalDateTime(2026, month, day, 17, 0)).ToInstant();
        var morning = London.AtStrictly(new LocalDateTime(2026, month, day + 1, 9, 0)).ToInstant();

        var shifts = plan.Shifts(Layer.Primary, new Interval(evening.Minus(Duration.FromHours(8)), morning.Plus(Duration.FromHours(8))));

        var night = Assert.Single(shifts);
        Assert.Equal((evening, morning), (night.Start, night.End));
        Assert.Equal(Duration.FromHours(hours), night.Length);
        Assert.NotNull(night.StaffId);
        // The whole night is one person's: the handoffs either side are at 17:00 local, not shifted by the change.
        Assert.Equal(night.StaffId, plan.OnCall(Layer.Primary, evening));
        Assert.Equal(night.StaffId, plan.OnCall(Layer.Primary, morning.Minus(Duration.FromMinutes(1))));
    }

    [Fact]
    public void Consecutive_nights_across_both_2026_clock_changes_tile_the_cover_exactly()
    {
        var plan = Plan(Standard with { WeekendsAllDay = false, BankHolidaysAllDay = false });
        foreach (var (from, to) in new[] { (new LocalDate(2026, 3, 26), new LocalDate(2026, 4, 1)), (new LocalDate(2026, 10, 22), new LocalDate(2026, 10, 28)) })
        {
            var range = new Interval(London.AtStartOfDay(from).ToInstant(), London.AtStartOfDay(to).ToInstant());
            var shifts = plan.Shifts(Layer.Primary, range);
            var windows = plan.Coverage.Windows(range, London);
            Assert.Equal(windows.Aggregate(Duration.Zero, (sum, w) => sum + w.Duration), shifts.Aggregate(Duration.Zero, (sum, s) => sum + s.Length));
            Assert.All(shifts.Zip(shifts.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start, "no overlap"));
            Assert.DoesNotContain(shifts, s => s.StaffId is null);
        }
    }

    [Fact]
    public void The_injected_clock_decides_who_is_on_call_now()
    {
        var clock = new ManualTime(At(2026, 1, 6, 16, 59).ToDateTimeOffset());
        var plan = Plan();
        Assert.Null(plan.OnCall(Layer.Primary, clock.Now()));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("megan", plan.OnCall(Layer.Primary, clock.Now()));
        clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal("adele", plan.OnCall(Layer.Primary, clock.Now()));
    }
}

public sealed class CoverageReportTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void Full_cover_needs_no_warning_and_every_gap_is_listed_in_local_time()
    {
        var coverage = new Coverage(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales);
        var everyone = Enum.GetValues<Layer>().Select(l => new Rotation(l, ["someone"], new LocalDate(2026, 1, 5), new LocalTime(17, 0), 1)).ToList();
        var range = new Interval(London.AtStrictly(new LocalDateTime(2026, 1, 6, 12, 0)).ToInstant(), London.AtStrictly(new LocalDateTime(2026, 1, 7, 12, 0)).ToInstant());
        Assert.Null(CoverageReport.Gaps(new RotaPlan(London, coverage, everyone, []), range));

        var noManager = everyone.Where(r => r.Layer != Layer.Manager).ToList();
        var text = CoverageReport.Gaps(new RotaPlan(London, coverage, noManager, []), range);
        Assert.Equal("Out-of-hours cover has 1 gap in the next 1 days:\n\n- Manager: Tue 6 Jan 17:00 to Wed 7 Jan 09:00 (16 h) — nobody on call\n\nAdd cover (an override) or change the rota before then.", text);
    }
}
