using ResponseBot.Testing;
using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Tests.Unit;

public sealed class MorningDigestTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant From = Instant.FromUtc(2026, 11, 20, 17, 0);   // Friday evening
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 30);   // Monday morning

    private static DigestCase Case(long id, int receivedMin, CaseState state, int? repliedAfterMin = null, int respondWithinMin = 60, int escalations = 0)
    {
        var received = From.AddMinutes(receivedMin);
        return new DigestCase(id, received, state, repliedAfterMin is { } r ? received.AddMinutes(r) : null, received.AddMinutes(respondWithinMin), escalations);
    }

    [Fact]
    public void The_digest_counts_outcomes_reply_times_misses_escalations_and_what_is_still_open()
    {
        var text = MorningDigest.Text(
        [
            Case(1, 10, CaseState.Sent, repliedAfterMin: 10),
            Case(2, 100, CaseState.Sent, repliedAfterMin: 20),
            Case(3, 200, CaseState.Sent, repliedAfterMin: 75, escalations: 2),   // late, after two escalations
            Case(4, 300, CaseState.Dismissed),
            Case(5, 3700, CaseState.AwaitingApproval),                          // still open and past its time
        ], From, Now, Now, London);

        Assert.StartsWith("Out-of-hours report, Fri 20 Nov 17:00 to Mon 23 Nov 08:30", text);
        Assert.Contains("- 5 mentions received: 3 replied, 1 dismissed, 1 still open.", text);
        Assert.Contains("- Time to reply: median 20 min, longest 75 min.", text);
        Assert.Contains("- 9 in 10 replies within 75 min (90th percentile).", text);
        Assert.Contains("- 2 response times missed: #3, #5.", text);
        Assert.Contains("- 1 case escalated because nobody acted in time: #3.", text);
        Assert.Contains("- Still open: #5 (AwaitingApproval).", text);
    }

    [Fact]
    public void A_quiet_night_says_so() =>
        Assert.EndsWith(": no mentions came in.", MorningDigest.Text([], From, Now, Now, London));
}
