using System.Net;
using Npgsql;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Activities are handled a few at a time (Bot:MaxConcurrentActivities), the rest wait their turn, and beyond the queue
/// (Bot:MaxQueuedActivities) Teams is told 503 with Retry-After before anything is done, so its retry is handled.
/// </summary>
public sealed class ActivityGateTests(PostgresFixture pg) : ScenarioTest(pg, s =>
{
    s["Bot:MaxConcurrentActivities"] = "2";
    s["Bot:MaxQueuedActivities"] = "1";
})
{
    // Bot backends (not this test's) queued behind a lock in this database.
    private const string WaitingSql = """
        select count(*) from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
        """;

    [Fact]
    public async Task Two_are_handled_at_once_one_waits_and_the_next_is_503_then_handled_when_sent_again()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var cases = new List<(long Id, string Card)>();
        string[] asked = ["Is the tip open on Sunday?", "When is the library's late night?", "Who do I ask about a dropped kerb?", "Has the pothole on Mill Lane been reported?"];
        for (var i = 0; i < asked.Length; i++)
        {
            var caseId = await _s.MentionAsync($"gate-{i}", asked[i]);
            cases.Add((caseId, await _s.CardPostedToAsync(_s.Alex, caseId)));
        }
        var ids = cases.Select(c => c.Id).ToArray();

        // The cases' rows are held, so an Approve waits inside its unit of work until the test lets go.
        await using var holder = new NpgsqlConnection(_s.Db.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand("select id from cases where id = any(@ids) for update", holder, hold))
        {
            lockRows.Parameters.AddWithValue("ids", ids);
            await lockRows.ExecuteNonQueryAsync();
        }

        var clicks = cases.Select(c => _s.Alex.Execute(CardVerbs.Approve, new() { [CardVerbs.CaseIdKey] = c.Id }, c.Card)).ToList();
        var sent = clicks.Select(c => _s.SendAsync(c)).ToList();

        // Three are taken (two handled, one waiting its turn); the fourth is turned away at once.
        await Eventually.TrueAsync(() => sent.Count(t => t.IsCompleted) == 1, "one click answered while the rest wait");
        var refused = sent.Single(t => t.IsCompleted);
        var answer = await refused;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), answer.Headers.RetryAfter?.Delta);
        Assert.Contains("too many activities at once", await answer.Content.ReadAsStringAsync());

        // Two, never three, reach the database: the third waits for a turn, not for a lock.
        await Eventually.TrueAsync(async () => await _s.Db.ScalarAsync<long>(WaitingSql) == 2, "two clicks waiting on the held cases");
        await Task.Delay(500);
        Assert.Equal(2, await _s.Db.ScalarAsync<long>(WaitingSql));
        Assert.Equal(1, sent.Count(t => t.IsCompleted));

        await hold.RollbackAsync();
        foreach (var t in sent.Where(t => t != refused))
            Assert.Equal(HttpStatusCode.OK, (await t).StatusCode);
        var turnedAway = cases[sent.IndexOf(refused)].Id;
        Assert.Equal(3, await _s.Db.CountAsync("decision_log", "action = 'approved' and case_id = any(@ids)", new { ids }));
        Assert.Equal(0, await _s.Db.CountAsync("decision_log", "action = 'approved' and case_id = @turnedAway", new { turnedAway }));

        // Nothing of the refused click was done or recorded, so Teams' retry of it (the same activity id) acts.
        var retry = await _s.SendAsync(clicks[sent.IndexOf(refused)]);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("Approved by ", await retry.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 4, "every approved reply published");
        foreach (var id in ids)
            Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'approved' and case_id = @id", new { id }));
    }
}
