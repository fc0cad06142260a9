using NodaTime;
using ResponseBot.Testing;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Tests.Unit;

/// <summary>The report figures with numbers worked out by hand: response times, misses, who did what, trends, the timeline.</summary>
public sealed class ReportFiguresTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant From = Instant.FromUtc(2026, 11, 20, 17, 0);   // Friday 17:00, GMT
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 8, 30);

    private static DigestCase Replied(long id, int receivedMin, int afterMin, int withinMin = 60, StaffRef? by = null) =>
        new(id, From.AddMinutes(receivedMin), CaseState.Sent, From.AddMinutes(receivedMin + afterMin), From.AddMinutes(receivedMin + withinMin), 0) { RepliedBy = by };

    private static DigestCase Unreplied(long id, int receivedMin, CaseState state, int withinMin = 60) =>
        new(id, From.AddMinutes(receivedMin), state, null, From.AddMinutes(receivedMin + withinMin), 0);

    [Theory]
    [InlineData(new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 55, 90)]     // even: mean of the middle two; p90 is the 9th of 10
    [InlineData(new double[] { 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 }, 50, 90)]  // odd: the 6th of 11; p90 is rank ceil(9.9) = 10
    [InlineData(new double[] { 12, 18, 25, 95 }, 21.5, 95)]                             // a few: rank ceil(3.6) = 4, the longest
    [InlineData(new double[] { 42 }, 42, 42)]
    public void Median_and_90th_percentile_of_known_response_times(double[] minutes, double median, double p90)
    {
        Assert.Equal(median, ResponseTimes.Median(minutes));
        Assert.Equal(p90, ResponseTimes.Percentile(minutes, 90));
    }

    [Fact]
    public void No_replies_means_no_median_rather_than_zero()
    {
        Assert.Null(ResponseTimes.Median([]));
        Assert.Null(ResponseTimes.Percentile([], 90));
        var f = ReportFigures.Of([Unreplied(1, 0, CaseState.Notified)], Now);
        Assert.Null(f.Median);
        Assert.Null(f.Longest);
    }

    [Fact]
    public void Response_times_run_from_receipt_to_the_first_reply_staff_posted_and_misses_count_late_replies_and_overdue_open_cases()
    {
        var f = ReportFigures.Of(
        [
            Replied(1, 0, 10),                                   // on time
            Replied(2, 30, 75),                                  // replied after its 60 minutes: missed
            Unreplied(3, 60, CaseState.Notified),                // open, due 18:00 and it is 08:30: missed
            Unreplied(4, 900, CaseState.Claimed, withinMin: 60), // received 08:00, due 09:00: not yet late
            Unreplied(5, 100, CaseState.Dismissed),              // no reply needed: never a miss
            // A holding reply was posted for this one, but no reply by staff: it has no response time.
            Unreplied(6, 120, CaseState.Escalated) with { Escalations = 1 },
        ], Now);

        Assert.Equal([10.0, 75.0], f.ResponseMinutes);
        Assert.Equal(42.5, f.Median);
        Assert.Equal(75, f.Percentile90);
        Assert.Equal([2L, 3L, 6L], f.Late.Select(c => c.Id));
        Assert.Equal((6, 2, 1), (f.Mentions, f.Replied, f.Dismissed));
        Assert.Equal([3L, 4L, 6L], f.Open.Select(c => c.Id));
        Assert.Equal([6L], f.EscalatedByPeople.Select(c => c.Id));
        Assert.Equal(1, f.Escalated);
    }

    [Fact]
    public void Mentions_are_counted_by_account_busiest_first_and_by_every_priority()
    {
        var f = ReportFigures.Of(
        [
            Replied(1, 0, 5) with { AccountId = "x", Priority = ReportPriority.Emergency },
            Replied(2, 5, 5) with { AccountId = "fb" }, Replied(3, 6, 5) with { AccountId = "fb", Priority = ReportPriority.Urgent },
        ], Now);
        Assert.Equal([("fb", 2), ("x", 1)], f.ByAccount.Select(a => (a.Key, a.Mentions)));
        Assert.Equal([(ReportPriority.Emergency, 1), (ReportPriority.Urgent, 1), (ReportPriority.Normal, 1)], f.ByPriority.Select(p => (p.Key, p.Mentions)));
    }

    [Fact]
    public void Who_handled_what_counts_replies_posted_approvals_and_dismissals_per_person()
    {
        var alex = new StaffRef("aad-alex", "Alex Wilber");
        var megan = new StaffRef("aad-megan", "Megan Bowen");
        var f = ReportFigures.Of(
        [
            Replied(1, 0, 10, by: alex), Replied(2, 10, 10, by: alex) with { ApprovedBy = megan }, Replied(3, 20, 10, by: megan),
            Unreplied(4, 30, CaseState.Dismissed) with { DismissedBy = alex },
            // Drafted but never posted (waiting for approval): not a reply yet.
            Unreplied(5, 40, CaseState.AwaitingApproval) with { RepliedBy = alex },
        ], Now);
        Assert.Equal([("Alex Wilber", 2, 0, 1), ("Megan Bowen", 1, 1, 0)], f.Staff.Select(s => (s.Name, s.Replied, s.Approved, s.Dismissed)));
    }

    [Fact]
    public void The_trend_compares_mentions_median_and_misses_with_the_period_before()
    {
        var now = ReportFigures.Of([Replied(1, 0, 10), Replied(2, 0, 20), Replied(3, 0, 30), Replied(4, 0, 90), Replied(5, 0, 40), Replied(6, 0, 12)], Now);
        var before = ReportFigures.Of([Replied(1, 0, 40), Replied(2, 0, 70), Replied(3, 0, 30), Replied(4, 0, 20)], Now);
        var trend = new ReportTrend(now, before);
        Assert.Equal(50, trend.MentionsChangePercent);                   // 6 against 4
        Assert.Equal(25 - 35, trend.MedianChange);                       // median 25 (20 and 30) against 35 (30 and 40)
        Assert.Equal(0, trend.MissesChange);                             // one reply after its 60 minutes in each
        Assert.Equal("+50% mentions", trend.MentionsText);
        Assert.Equal("median 10 min faster", trend.MedianText);
        Assert.Equal("missed respond-by times unchanged", trend.MissesText);

        var fromNothing = new ReportTrend(now, ReportFigures.Of([], Now));
        Assert.Null(fromNothing.MentionsChangePercent);
        Assert.Null(fromNothing.MedianChange);
        Assert.Equal("none in the previous period", fromNothing.MentionsText);
        Assert.Equal("+1 missed respond-by time", fromNothing.MissesText);
        Assert.Equal("-33% mentions", new ReportTrend(before, now).MentionsText);
        Assert.Equal("median 10 min slower", new ReportTrend(before, now).MedianText);
    }

    [Fact]
    public void A_night_is_drawn_hour_by_hour_with_mentions_and_the_replies_posted_in_each_hour()
    {
        var night = new Interval(From, Now);   // 17:00 to 08:30: sixteen hours begun
        var points = ReportTimeline.Of([Replied(1, 10, 55), Replied(2, 50, 200), Unreplied(3, 365, CaseState.Notified)], night, London);
        Assert.Equal(16, points.Count);
        Assert.Equal(("17:00", 2, 0), (points[0].Label, points[0].Mentions, points[0].Replies));
        Assert.Equal(1, points[1].Replies);                               // 18:05
        Assert.Equal(1, points[4].Replies);                               // 21:10
        Assert.Equal(("23:00", 1), (points[6].Label, points[6].Mentions));
        Assert.Equal(3, points.Sum(p => p.Mentions));
    }

    [Fact]
    public void A_week_is_drawn_day_by_day_from_local_midnight_and_a_weekend_in_six_hours()
    {
        var week = new Interval(Instant.FromUtc(2026, 11, 16, 0, 0), Now);
        var days = ReportTimeline.Of([], week, London);
        Assert.Equal(["Mon 16 Nov", "Tue 17 Nov", "Wed 18 Nov", "Thu 19 Nov", "Fri 20 Nov", "Sat 21 Nov"], days.Select(p => p.Label));
        var weekend = ReportTimeline.Of([], new Interval(From, Instant.FromUtc(2026, 11, 23, 8, 30)), London);
        Assert.Equal(11, weekend.Count);
        Assert.Equal("Fri 17:00", weekend[0].Label);
        Assert.Equal("Fri 23:00", weekend[1].Label);
    }
}
