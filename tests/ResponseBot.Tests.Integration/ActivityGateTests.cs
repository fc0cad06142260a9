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

    [Fact]
    public async Task A_click_waiting_only_for_its_note_gives_its_place_to_the_next_activity()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("gate-notes", "Is the tip open on Sunday?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId, version: 1);

        // Nothing can be added to the decision log until the test lets go.
        await using var holder = new NpgsqlConnection(_s.Db.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockLog = new NpgsqlCommand("lock table decision_log in share mode", holder, hold)) await lockLog.ExecuteNonQueryAsync();

        // Two more Approves on the approved case are refused, and wait for their notes to be written.
        var refused = Enumerable.Range(0, 2).Select(_ => _s.SendAsync(_s.Alex.Execute(CardVerbs.Approve,
            new() { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.VersionKey] = 1 }))).ToList();
        await Eventually.TrueAsync(async () => await _s.Db.ScalarAsync<long>(WaitingSql + " and query like '%decision_log_append_sealed%'") == 1,
            "the notes' batch waiting on the log");

        // They gave their places up: with two places and one to queue, three refreshes are answered while they wait.
        var refreshes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _s.ClickAsync(_s.Alex, CardVerbs.Refresh, caseId))).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(refreshes, r => Assert.Contains($"Case #{caseId} ", r.ToJsonString()));
        Assert.DoesNotContain(refused, t => t.IsCompleted);
        Assert.Equal(0, await _s.Db.CountAsync("decision_log", "action = 'refused' and case_id = @caseId", new { caseId }));

        await hold.RollbackAsync();
        foreach (var t in refused) Assert.Equal(HttpStatusCode.OK, (await t).StatusCode);
        Assert.Equal(2, await _s.Db.CountAsync("decision_log", "action = 'refused' and case_id = @caseId and seq is not null", new { caseId }));
    }
}
