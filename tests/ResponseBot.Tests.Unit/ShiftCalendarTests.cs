using System.Text;
using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Tests.Unit;

/// <summary>The iCalendar feed of a person's shifts: RFC 5545 escaping, folding, line endings and UTC times.</summary>
public sealed class ShiftCalendarTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 20, 12, 0);

    private static Instant At(int y, int m, int d, int h) => London.AtStrictly(new LocalDateTime(y, m, d, h, 0)).ToInstant();

    // Nightly 17:00 handoffs between Alex and Megan; weekdays only, so the spring-forward night is 17:00 to 09:00.
    private static RotaPlan Plan(params RotaOverride[] overrides) => new(London,
        new Coverage(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales) { WeekendsAllDay = false },
        [
            new Rotation(Layer.Primary, ["alex", "megan"], new LocalDate(2026, 3, 23), new LocalTime(17, 0), ShiftDays: 1),
            new Rotation(Layer.Manager, ["mia"], new LocalDate(2026, 3, 23), new LocalTime(9, 0), ShiftDays: 7),
        ], overrides);

    private static string Unfold(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal);

    private static IEnumerable<string> Lines(string calendar) => Unfold(calendar).Split("\r\n");

    [Fact]
    public void A_feed_is_a_published_gregorian_calendar_with_crlf_lines_and_a_refresh_hint()
    {
        var calendar = ShiftCalendar.Build([], Now);

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", calendar);
        Assert.EndsWith("END:VCALENDAR\r\n", calendar);
        Assert.DoesNotContain("\n", calendar.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", calendar.Replace("\r\n", ""));
        Assert.Contains("CALSCALE:GREGORIAN", Lines(calendar));
        Assert.Contains("METHOD:PUBLISH", Lines(calendar));
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H", Lines(calendar));
        Assert.Contains("X-PUBLISHED-TTL:PT1H", Lines(calendar));
        Assert.Contains("X-WR-CALNAME:On-call shifts (ResponseBot)", Lines(calendar));
        Assert.DoesNotContain("BEGIN:VEVENT", calendar);
    }

    [Fact]
    public void A_shift_across_the_spring_clock_change_has_the_right_utc_start_and_end()
    {
        // Saturday 28 March is Megan's night (alex, megan, … from Monday 23 March): 17:00 GMT to 09:00 BST, 15 hours.
        var megan = Assert.Single(ShiftCalendar.For(Plan(), "megan", new Interval(At(2026, 3, 28, 12), At(2026, 3, 29, 12))));
        Assert.Equal(Duration.FromHours(15), megan.Length);

        var lines = Lines(ShiftCalendar.Build([megan], Now)).ToList();
        Assert.Contains("DTSTART:20260328T170000Z", lines);   // 17:00 GMT
        Assert.Contains("DTEND:20260329T080000Z", lines);     // 09:00 BST
        Assert.Contains("UID:shift-primary-1774717200@responsebot", lines);
        Assert.Contains("DTSTAMP:20260320T120000Z", lines);
        Assert.Contains("SUMMARY:On call — primary", lines);
        Assert.Contains("TRANSP:TRANSPARENT", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("BEGIN:VTIMEZONE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_persons_feed_has_only_their_shifts_in_every_layer_and_says_when_one_is_an_override()
    {
        var cover = new RotaOverride(1, Layer.Primary, "alex", At(2026, 3, 24, 17), At(2026, 3, 25, 9), CoveringFor: "megan");
        var range = new Interval(At(2026, 3, 23, 12), At(2026, 3, 26, 12));

        var alex = ShiftCalendar.For(Plan(cover), "alex", range);
        Assert.Equal([(At(2026, 3, 23, 17), false), (At(2026, 3, 24, 17), true), (At(2026, 3, 25, 17), false)], alex.Select(s => (s.Start, s.IsOverride)));
        Assert.All(alex, s => Assert.Equal(Layer.Primary, s.Layer));
        Assert.Equal(3, ShiftCalendar.For(Plan(cover), "mia", range).Count);
        Assert.Empty(ShiftCalendar.For(Plan(cover), "megan", range));

        var calendar = Unfold(ShiftCalendar.Build(alex, Now));
        Assert.Equal(3, calendar.Split("BEGIN:VEVENT").Length - 1);
        Assert.Single(Lines(calendar), l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal) && l.Contains("This is an override"));
        Assert.Contains("SUMMARY:On call — manager on duty", Lines(ShiftCalendar.Build(ShiftCalendar.For(Plan(), "mia", range), Now)));
    }

    [Fact]
    public void Shifts_at_the_edges_of_the_range_keep_their_real_start_and_end_so_their_uid_does_not_drift()
    {
        var plan = Plan();
        // Asked from 03:00, in the middle of Alex's Monday night: the shift still starts at 17:00 the day before.
        var shift = ShiftCalendar.For(plan, "alex", new Interval(At(2026, 3, 24, 3), At(2026, 3, 24, 4))).Single();
        Assert.Equal((At(2026, 3, 23, 17), At(2026, 3, 24, 9)), (shift.Start, shift.End));
        Assert.Equal(ShiftCalendar.Uid(shift), ShiftCalendar.Uid(ShiftCalendar.For(plan, "alex", new Interval(At(2026, 3, 23, 20), At(2026, 3, 26, 0)))[0]));
    }

    [Theory]
    [InlineData("a;b,c\\d", "a\\;b\\,c\\\\d")]
    [InlineData("line one\nline two\r\nline three\rfour", "line one\\nline two\\nline three\\nfour")]
    [InlineData("\\n is not a newline", "\\\\n is not a newline")]
    [InlineData("plain: text — ok", "plain: text — ok")]
    public void Text_values_escape_backslash_semicolon_comma_and_newlines(string text, string escaped) =>
        Assert.Equal(escaped, CalendarText.Escape(text));

    [Fact]
    public void Hostile_text_in_the_calendar_name_cannot_add_properties_or_events()
    {
        var calendar = ShiftCalendar.Build([], Now, "Shifts\r\nEND:VCALENDAR\nBEGIN:VEVENT;x=1,2");
        var lines = Lines(calendar).ToList();
        Assert.Contains("X-WR-CALNAME:Shifts\\nEND:VCALENDAR\\nBEGIN:VEVENT\\;x=1\\,2", lines);
        Assert.Single(lines, l => l == "END:VCALENDAR");
        Assert.DoesNotContain("BEGIN:VEVENT", lines);
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_multi_byte_character_and_unfold_to_the_original()
    {
        // Two-, three- and four-byte characters (é, —, €, 😀 as a surrogate pair) at every offset against the limit.
        var line = "DESCRIPTION:" + string.Concat(Enumerable.Range(0, 80).Select(i => (i % 4) switch { 0 => "é", 1 => "—€", 2 => "😀x", _ => "ab" }));
        Assert.True(Encoding.UTF8.GetByteCount(line) > 3 * 75);

        var folded = CalendarText.Fold(line);
        var physical = folded.Split("\r\n");
        Assert.True(physical.Length > 3);
        Assert.All(physical, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, 75));
        // Some fold came before the 75th octet: the next character would not have fitted whole.
        Assert.Contains(physical.SkipLast(1), p => Encoding.UTF8.GetByteCount(p) < 75);
        Assert.All(physical.Skip(1), p => Assert.StartsWith(" ", p));
        Assert.All(physical, p => Assert.DoesNotContain('\uFFFD', p));   // no half of a character on either side of a fold
        Assert.All(physical, p => Assert.False(char.IsHighSurrogate(p[^1]) || char.IsLowSurrogate(p[p.StartsWith(' ') ? 1 : 0])));
        Assert.Equal(line, Unfold(folded));
        Assert.Equal(Encoding.UTF8.GetBytes(line), Encoding.UTF8.GetBytes(Unfold(folded)));
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded()
    {
        var line = "SUMMARY:" + new string('x', 67);
        Assert.Equal(line, CalendarText.Fold(line));
        Assert.Equal("SUMMARY:" + new string('x', 67) + "\r\n y", CalendarText.Fold(line + "y"));
    }

    [Fact]
    public void Every_line_of_a_feed_with_long_hostile_text_is_at_most_75_octets()
    {
        var shifts = ShiftCalendar.For(Plan(), "alex", new Interval(At(2026, 3, 23, 12), At(2026, 4, 6, 12)));
        var calendar = ShiftCalendar.Build(shifts, Now, string.Concat(Enumerable.Repeat("Équipe d'astreinte; «nuit», 夜間 😀\n", 6)));
        Assert.All(calendar.Split("\r\n"), l => Assert.InRange(Encoding.UTF8.GetByteCount(l), 0, 75));
        Assert.Equal(shifts.Count, calendar.Split("BEGIN:VEVENT").Length - 1);
    }
}
