using System.Text.Json.Nodes;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The outbound path under a misbehaving Bot Connector (429 with Retry-After, 503, 403): every card a
/// person can receive arrives exactly once, throttling is honoured, unreachable people are recorded and
/// their cases rerouted, and no conversation ever gets more than 7 sends in a second.
/// </summary>
public sealed class ConnectorFaultTests(PostgresFixture pg) : IAsyncLifetime
{
    private Scenario _s = null!;

    public async ValueTask InitializeAsync() =>
        _s = await Scenario.StartAsync(pg, s =>
        {
            s["Routing:Backup:0"] = "aad-megan";
            s["Outbox:AppRefusedRetryDelay"] = "00:00:01";
        });

    public ValueTask DisposeAsync() => _s.DisposeAsync();

    private IEnumerable<long> CaseIdsPostedTo(TeamsUser user) =>
        _s.Connector.CaseCards().Where(c => c.Call.Method == "POST" && c.Call.ConversationId == user.ConversationId)
            .Select(c => c.Card["actions"]![0]!["data"]!["caseId"]!.GetValue<long>());

    [Fact]
    public async Task Throttled_and_failing_sends_are_retried_so_each_card_arrives_exactly_once_honouring_Retry_After()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var cardPosts = 0;
        _s.Connector.Fault = call =>
        {
            if (call.Method != "POST" || !FakeConnector.IsCaseCard(call)) return null;
            // Every card's first attempt is throttled for 1 s, its second fails with 503, its third succeeds.
            return (Interlocked.Increment(ref cardPosts) % 3) switch
            {
                1 => FakeConnector.Throttled(1),
                2 => FakeConnector.Error(503, "ServiceUnavailable"),
                _ => null,
            };
        };

        var caseIds = new List<long>();
        for (var i = 0; i < 5; i++) caseIds.Add(await _s.MentionAsync($"f-{i}", $"mention {i}"));

        await Eventually.TrueAsync(() => CaseIdsPostedTo(_s.Alex).Count() >= 5, "all five cards delivered", TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        Assert.Equal(caseIds.Order(), CaseIdsPostedTo(_s.Alex).Order());

        // Retry-After honoured: after each 429 the next card attempt waited at least the second it asked for.
        var attempts = _s.Connector.Attempts.Where(a => a.Method == "POST" && FakeConnector.IsCaseCard(a)).ToList();
        Assert.Equal(15, attempts.Count);
        for (var i = 0; i < attempts.Count; i += 3)
            Assert.True(attempts[i + 1].At - attempts[i].At >= TimeSpan.FromSeconds(0.95),
                $"attempt {i + 1} came {(attempts[i + 1].At - attempts[i].At).TotalMilliseconds:F0} ms after a 429 asking for 1 s");
        Assert.Equal(5, await _s.Db.CountAsync("case_cards"));
    }

    [Fact]
    public async Task A_403_is_recorded_the_person_is_not_messaged_again_and_the_case_goes_to_the_backup()
    {
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        await _s.GoOnCallAsync(_s.Alex);
        _s.Connector.Fault = call => call.ConversationId == _s.Alex.ConversationId ? FakeConnector.Error(403, "MessageWritesBlocked") : null;

        var first = await _s.MentionAsync("b-1", "hello");
        await _s.CardPostedToAsync(_s.Megan, first);
        var second = await _s.MentionAsync("b-2", "hello again");
        await _s.CardPostedToAsync(_s.Megan, second);

        var log = await _s.Db.QueryAsync<string>("select detail::text from decision_log where action = 'undeliverable' and case_id = @first", new { first });
        Assert.Contains("\"staffId\": \"aad-alex\"", Assert.Single(log));
        Assert.Contains("MessageWritesBlocked", log[0]);
        Assert.Contains("\"reroutedTo\": \"aad-megan\"", log[0]);
        Assert.False(await _s.Db.ScalarAsync<bool>("select installed from staff where staff_id = 'aad-alex'"));
        // Once known to be unreachable, Alex isn't tried again: one refused attempt in all.
        Assert.Single(_s.Connector.Attempts, a => a.ConversationId == _s.Alex.ConversationId && FakeConnector.IsCaseCard(a));
        Assert.Empty(CaseIdsPostedTo(_s.Alex));
    }

    [Fact]
    public async Task A_403_that_refuses_the_app_for_the_whole_tenant_blames_nobody_and_the_card_goes_once_it_is_lifted()
    {
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        await _s.GoOnCallAsync(_s.Alex);
        _s.Connector.Fault = _ => FakeConnector.Error(403, "BotDisabledByAdmin");
        var caseId = await _s.MentionAsync("blocked-1", "hello");
        await Eventually.TrueAsync(() => _s.Connector.Attempts.Count(a => a.ConversationId == _s.Alex.ConversationId && FakeConnector.IsCaseCard(a)) >= 2,
            "the card tried again while the app is blocked", TimeSpan.FromSeconds(15));

        // Nobody is marked unreachable, nothing is rerouted, and the waiting costs the card none of its attempts.
        Assert.Equal(2, await _s.Db.CountAsync("staff", "staff_id in ('aad-alex', 'aad-megan') and installed"));
        Assert.Equal(0, await _s.Db.CountAsync("decision_log", "action = 'undeliverable'"));
        Assert.Equal(0, await _s.Db.CountAsync("outbox", "kind = 'chat.case_card' and failed_at is null and done_at is null and attempts > 1"));
        Assert.DoesNotContain(_s.Connector.Attempts, a => a.ConversationId == _s.Megan.ConversationId && FakeConnector.IsCaseCard(a));

        _s.Connector.Fault = null; // the admin unblocks the app
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await Task.Delay(1500);
        Assert.Single(CaseIdsPostedTo(_s.Alex), id => id == caseId);
    }

    [Fact]
    public async Task With_nobody_left_to_try_the_case_stays_open_for_whoever_goes_on_call_next()
    {
        await _s.GoOnCallAsync(_s.Alex);
        _s.Connector.Fault = call => call.ConversationId == _s.Alex.ConversationId ? FakeConnector.Error(403, "BotNotInConversationRoster") : null;
        var caseId = await _s.MentionAsync("n-1", "hello");
        await Eventually.TrueAsync(async () => await _s.Db.CountAsync("decision_log", "action = 'undeliverable' and case_id = @caseId", new { caseId }) == 1,
            "undeliverable recorded");
        Assert.Equal("New", await _s.Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }));

        await _s.GoOnCallAsync(_s.Megan);
        await _s.CardPostedToAsync(_s.Megan, caseId);
    }

    [Fact]
    public async Task No_conversation_ever_gets_more_than_7_sends_in_a_second()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        for (var i = 0; i < 30; i++) await _s.MentionAsync($"p-{i}", $"mention {i}");

        await _s.GoOnCallAsync(_s.Alex); // 30 cards queued at once for one conversation
        await Eventually.TrueAsync(() => CaseIdsPostedTo(_s.Alex).Count() == 30, "all 30 cards delivered", TimeSpan.FromSeconds(30));

        var times = _s.Connector.Attempts.Where(a => a.ConversationId == _s.Alex.ConversationId).Select(a => a.At).Order().ToList();
        var busiest = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < TimeSpan.FromSeconds(1)).Count()).Max();
        Assert.True(busiest <= 7, $"{busiest} sends within one second");
        Assert.True(busiest >= 5, $"pacing should still use most of the budget (busiest second had {busiest})");
        Assert.Equal(30, CaseIdsPostedTo(_s.Alex).Distinct().Count());
    }

    [Fact]
    public async Task A_repeated_activity_id_is_recognised_and_not_acted_on_twice()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("r-1", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var click = _s.Alex.Execute("case.approve", new JsonObject { ["caseId"] = caseId });
        (await _s.SendAsync(click)).EnsureSuccessStatusCode();
        var retried = await _s.SendAsync(click); // Teams retrying the same invoke after a timeout
        Assert.Contains("Approved by Alex Wilber", JsonNode.Parse(await retried.Content.ReadAsStringAsync())!["value"].Text());

        var message = _s.Alex.Message("off call");
        (await _s.SendAsync(message)).EnsureSuccessStatusCode();
        (await _s.SendAsync(message)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "published");
        await Task.Delay(300);
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'approved'"));
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'went_off_call'"));
        Assert.Single(_s.Connector.Texts(), t => t.StartsWith("You're off call"));
    }
}
