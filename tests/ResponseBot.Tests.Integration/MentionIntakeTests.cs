using System.Net;
using Npgsql;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A flood of webhook mentions: stored in batches (a commit per batch, not per mention), each acknowledged only once its
/// batch committed, each one case however often it is sent, and each routed exactly once, just after, to whoever is on call.
/// </summary>
public sealed class MentionIntakeTests(PostgresFixture pg)
{
    private const int Mentions = 300;

    [Fact]
    public async Task Mentions_sent_together_and_twice_are_one_case_each_logged_once_and_routed_once()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        var sends = Enumerable.Range(0, Mentions).SelectMany(i => new[] { i, i }).OrderBy(_ => Random.Shared.Next()).ToList();
        var answers = new System.Collections.Concurrent.ConcurrentBag<(int Mention, HttpStatusCode Status, long CaseId)>();
        await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var response = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention($"flood-{i}", $"Flood {i}: {Words(i)}", handle: $"resident{i}"));
            answers.Add((i, response.StatusCode, await SignedWebhook.CaseIdAsync(response)));
        });

        // Each mention: one 202 and one 200, both naming the same case, which was committed before either answer.
        foreach (var mention in answers.GroupBy(a => a.Mention))
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Accepted], mention.Select(a => a.Status).Order());
            Assert.Single(mention.Select(a => a.CaseId).Distinct());
        }
        Assert.Equal(Mentions, answers.Select(a => a.CaseId).Distinct().Count());
        Assert.Equal(Mentions, await s.Db.CountAsync("cases"));
        Assert.Equal(Mentions, await s.Db.CountAsync("decision_log", "action = 'received'"));
        // Stored in batches: mentions that arrived together share their batch's moment of arrival.
        var batches = await s.Db.ScalarAsync<long>("select count(distinct received_at) from cases");
        Assert.True(batches < Mentions, $"{batches} batches for {Mentions} mentions");

        // Routed once each: one card for Alex and one acknowledgement timer per case, never two.
        await s.RoutedAsync();
        Assert.Equal(Mentions, await s.Db.CountAsync("outbox", "kind = 'chat.case_card'"));
        Assert.Equal(Mentions, await s.Db.ScalarAsync<long>("select count(distinct case_id) from outbox where kind = 'chat.case_card'"));
        Assert.Equal(Mentions, await s.Db.ScalarAsync<long>("select count(distinct case_id) from escalations where kind = 'Acknowledge'"));
        Assert.Equal(Mentions, await s.Db.CountAsync("escalations", "kind = 'Acknowledge'"));
        // And posted (Teams lets one chat have 60 in 30 seconds, so only the first are waited for here).
        await Eventually.TrueAsync(() => s.Connector.CaseCards().Select(c => c.Card["refresh"]?["action"]?["data"]?["caseId"]?.GetValue<long>()).Distinct().Count() >= 20,
            "the first cards posted", TimeSpan.FromSeconds(30), diagnostics: () => s.Bot.Logs.Summary());
    }

    [Fact]
    public async Task A_case_the_router_cannot_route_is_set_aside_and_the_others_are_routed()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        // The database refuses one mention's acknowledgement timer, however often and by whichever instance it is routed.
        await s.Db.ScalarAsync<int>("""
            create function refuse_poison_timer() returns trigger language plpgsql as $$
            begin
                if exists (select 1 from cases where id = new.case_id and external_id = 'poison') then raise exception 'refused here'; end if;
                return new;
            end $$;
            create trigger refuse_poison_timer before insert on escalations for each row execute function refuse_poison_timer();
            select 1
            """);
        var sent = new[] { "ok-1", "poison", "ok-2", "ok-3" };
        var ids = await Task.WhenAll(sent.Select(async (id, i) => await SignedWebhook.CaseIdAsync(
            await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention(id, $"Mention {i}: {Words(i + 1000)}", handle: $"resident-{id}")))));
        await s.RoutedAsync();

        var poison = ids[1];
        Assert.Equal(3, await s.Db.CountAsync("outbox", "kind = 'chat.case_card' and case_id <> @poison", new { poison }));
        Assert.Equal(3, await s.Db.CountAsync("escalations"));
        Assert.Equal(0, await s.Db.CountAsync("outbox", "case_id = @poison", new { poison }));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "action = 'routing_failed' and case_id = @poison", new { poison }));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "action = 'routing_failed'"));
        Assert.Contains(s.Bot.Logs.Lines, l => l.StartsWith("Error ") && l.Contains($"Case {poison} could not be routed"));
    }

    [Fact]
    public async Task Mentions_beyond_the_queue_are_turned_away_with_503_at_once_and_stored_when_sent_again()
    {
        await using var s = await Scenario.StartAsync(pg, settings => settings["Intake:MaxQueued"] = "2");
        // Every writer held up: a transaction elsewhere keeps cases from being written (reading them goes on).
        await using var blocker = new NpgsqlConnection(s.Db.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var lockCases = new NpgsqlCommand("lock table cases in share mode", blocker, hold)) await lockCases.ExecuteNonQueryAsync();
        Task<HttpResponseMessage> Send(int i) =>
            SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention($"q-{i}", $"Queued {i}: {Words(i + 2000)}", handle: $"resident-q{i}"));

        // One mention for each of the four writers, each then waiting to write it.
        var held = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(Send(i));
            var waiting = i + 1;
            await Eventually.TrueAsync(async () => await s.Db.ScalarAsync<long>(
                "select count(*) from pg_locks where relation = 'cases'::regclass and not granted") == waiting, $"{waiting} writers waiting");
        }
        // Six more: two fit the queue and wait; four are answered at once, whichever they are.
        var more = Enumerable.Range(4, 6).ToDictionary(i => i, Send);
        await Eventually.TrueAsync(() => Task.FromResult(more.Values.Count(t => t.IsCompleted) == 4), "four answered at once", TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        var turnedAway = more.Where(m => m.Value.IsCompleted).Select(m => m.Key).ToList();
        Assert.Equal(4, turnedAway.Count);
        foreach (var i in turnedAway)
        {
            var answer = await more[i];
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), answer.Headers.RetryAfter?.Delta);
            Assert.Contains("too many mentions are waiting to be stored", await answer.Content.ReadAsStringAsync());
        }

        // Let the writers go: the six waiting are stored and acknowledged; nothing of the four turned away was kept, and each
        // is one case when sent again.
        await hold.RollbackAsync();
        foreach (var answer in held.Concat(more.Where(m => !turnedAway.Contains(m.Key)).Select(m => m.Value)))
            Assert.Equal(HttpStatusCode.Accepted, (await answer).StatusCode);
        Assert.Equal(6, await s.Db.CountAsync("cases"));
        Assert.Equal(0, await s.Db.CountAsync("cases", "external_id = any(@ids)", new { ids = turnedAway.Select(i => $"q-{i}").ToArray() }));
        foreach (var i in turnedAway) Assert.Equal(HttpStatusCode.Accepted, (await Send(i)).StatusCode);
        Assert.Equal(10, await s.Db.CountAsync("cases"));
        Assert.Equal(4, s.Bot.Logs.Lines.Count(l => l.Contains("the queue of mentions to store is full")));
    }

    /// <summary>Texts unlike one another, so none gathers into a storm.</summary>
    private static string Words(int seed)
    {
        var words = "bins library pothole parking permit school meals streetlight graffiti noise allotment market licence playground recycling drain bridge".Split(' ');
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, 10).Select(_ => words[random.Next(words.Length)]));
    }
}
