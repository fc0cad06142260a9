using System.Diagnostics;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The outbox dispatcher is woken by PostgreSQL's NOTIFY, sent just after a message's transaction commits: with a poll an
/// hour apart, the confirmation and the card still go at once.
/// </summary>
public sealed class OutboxWakeupTests(PostgresFixture pg)
{
    [Fact]
    public async Task A_queued_message_is_sent_at_once_without_waiting_for_a_poll()
    {
        await using var s = await Scenario.StartAsync(pg, c => c["Outbox:PollInterval"] = "01:00:00");
        await s.GoOnCallAsync(s.Alex);   // the confirmation itself went through the outbox
        var watch = Stopwatch.StartNew();
        var caseId = await s.MentionAsync("wake-1", "Is the tip open on Sunday?");
        await s.CardPostedToAsync(s.Alex, caseId);
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"the card took {watch.Elapsed}: it waited for a poll");
        // Nothing left behind for a poll to find.
        Assert.Equal(0, await s.Db.CountAsync("outbox", "done_at is null and failed_at is null and due_at <= now()"));
    }
}
