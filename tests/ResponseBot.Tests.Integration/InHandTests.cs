using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// "I'm on it" and Snooze against the real escalation timers (Quartz polling Postgres, a clock the test moves): the
/// acknowledge chain stops, a respond-by timer pages the next layer if no reply is on its way, a snooze holds the timers.
/// </summary>
public sealed class InHandTests(PostgresFixture pg)
{
    // Tuesday 24 November 2026, 22:00 in London: out of hours.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero), flows: true);

    private Task<Scenario> StartAsync() => Scenario.StartAsync(pg, s =>
    {
        s["Jobs:Enabled"] = "true";
        s["Jobs:EscalationInterval"] = "00:00:00.500";
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
        s["Rota:Layers:Secondary:Participants:0"] = "aad-megan";
        s["Policy:AcknowledgeWithin"] = "00:15:00";
        s["Policy:RespondWithin"] = "00:40:00";
        s["Policy:MaxSnooze"] = "00:30:00";
    }, _time);

    private static Task<long> StepsAsync(Scenario s, long caseId) =>
        s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'escalated_by_timer'", new { caseId });

    private static Task<string?> TimerAsync(Scenario s, long caseId, string kind) =>
        s.Db.ScalarAsync<string?>("select coalesce(outcome, 'open ' || to_char(due_at at time zone 'Europe/London', 'HH24:MI')) from escalations where case_id = @caseId and kind = @kind",
            new { caseId, kind });

    [Fact]
    public async Task Im_on_it_stops_the_acknowledge_chain_and_the_next_layer_is_paged_only_if_no_reply_by_the_respond_by_time()
    {
        await using var s = await StartAsync();
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        var caseId = await s.MentionAsync("ack-1", "The streetlight on Elm Road has been out for a week");
        await s.CardPostedToAsync(s.Alex, caseId);

        var card = await s.ClickAsync(s.Alex, CardVerbs.Acknowledge, caseId);
        Assert.Contains("Alex Wilber is on it (since 22:00", JsonText.Of(card["value"]));
        Assert.DoesNotContain(CardVerbs.Acknowledge, card.ToJsonString());                // nobody is offered it twice
        Assert.Equal("acknowledged", await TimerAsync(s, caseId, "Acknowledge"));
        Assert.Equal("open 22:40", await TimerAsync(s, caseId, "Respond"));               // its respond-by time
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'acknowledged' and actor_id = 'aad-alex'", new { caseId }));

        _time.Advance(TimeSpan.FromMinutes(20));                                          // past the acknowledge wait: nobody else is asked
        await Task.Delay(1500);
        Assert.Equal(0, await StepsAsync(s, caseId));
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "case_id = @caseId and staff_id = 'aad-megan'", new { caseId }));

        _time.Advance(TimeSpan.FromMinutes(21));                                          // 22:41, still no reply: the secondary is paged
        await s.CardPostedToAsync(s.Megan, caseId);
        var log = await s.Db.QueryAsync<string>("select detail::text from decision_log where case_id = @caseId and action = 'escalated_by_timer'", new { caseId });
        Assert.Contains("\"kind\": \"Respond\"", Assert.Single(log));
        Assert.Contains("aad-megan", log[0]);
        await Eventually.TrueAsync(() => s.LatestCard(s.Megan, caseId) is { } c && JsonText.Of(c).Contains("Alex Wilber is on it"), "the secondary's copy says who has it");
    }

    [Fact]
    public async Task A_reply_on_its_way_closes_the_respond_by_timer()
    {
        await using var s = await StartAsync();
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        var caseId = await s.MentionAsync("ack-2", "When is the library open?");
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Acknowledge, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);

        _time.Advance(TimeSpan.FromMinutes(41));
        await Eventually.TrueAsync(async () => await TimerAsync(s, caseId, "Respond") == "acknowledged", "respond-by timer closed");
        Assert.Equal(0, await StepsAsync(s, caseId));
    }

    [Fact]
    public async Task Snooze_holds_the_timers_for_the_chosen_time_is_logged_and_shown_and_an_emergency_cannot_be_snoozed()
    {
        await using var s = await StartAsync();
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        var caseId = await s.MentionAsync("snz-1", "Can someone tell me when the tip opens?");
        await s.CardPostedToAsync(s.Alex, caseId);

        var card = await s.ClickAsync(s.Alex, CardVerbs.Snooze, caseId, inputs: new JsonObject { [CardVerbs.SnoozeMinutesInputId] = "30" });
        Assert.Contains("Snoozed by Alex Wilber until 22:30", JsonText.Of(card["value"]));
        Assert.Equal("open 22:30", await TimerAsync(s, caseId, "Acknowledge"));
        Assert.Contains("\"minutes\": 30", await s.Db.ScalarAsync<string>("select detail::text from decision_log where case_id = @caseId and action = 'snoozed'", new { caseId }));
        // Longer than Policy:MaxSnooze is refused, and the choices on the card stop there.
        var tooLong = await s.ClickAsync(s.Alex, CardVerbs.Snooze, caseId, inputs: new JsonObject { [CardVerbs.SnoozeMinutesInputId] = "60" });
        Assert.Contains("Snooze for 15, 30 minutes.", tooLong.ToJsonString() + string.Join(" ", s.TextsTo(s.Alex)));

        _time.Advance(TimeSpan.FromMinutes(20));                                          // the acknowledge wait is over, but it's snoozed
        await Task.Delay(1500);
        Assert.Equal(0, await StepsAsync(s, caseId));
        _time.Advance(TimeSpan.FromMinutes(11));                                          // 22:31: snooze over, the secondary is asked
        await s.CardPostedToAsync(s.Megan, caseId);

        var emergency = await s.MentionAsync("snz-2", "Fire in the flats on Mill Lane, people are trapped");
        await s.CardPostedToAsync(s.Alex, emergency);
        Assert.DoesNotContain("Snooze", JsonText.Of(s.LatestCard(s.Alex, emergency)));
        var refused = await s.ClickAsync(s.Alex, CardVerbs.Snooze, emergency, inputs: new JsonObject { [CardVerbs.SnoozeMinutesInputId] = "15" });
        Assert.StartsWith("An emergency can't be snoozed", refused["value"]!.GetValue<string>());
        Assert.Equal(0, await s.Db.CountAsync("decision_log", "case_id = @emergency and action = 'snoozed'", new { emergency }));
    }

    [Fact]
    public async Task A_takeover_does_not_restart_the_acknowledge_chain_on_a_case_someone_is_on()
    {
        await using var s = await StartAsync();
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        var inHand = await s.MentionAsync("ho-1", "The footpath on Elm Road is flooded");
        var waiting = await s.MentionAsync("ho-2", "Is the tip open tomorrow?");
        await s.CardPostedToAsync(s.Alex, inHand);
        await s.ClickAsync(s.Alex, CardVerbs.Acknowledge, inHand);

        (await s.SendAsync(s.Megan.Message("on call"))).EnsureSuccessStatusCode();   // the primary changes hands
        await Eventually.TrueAsync(() => s.TextsTo(s.Megan).Any(t => t.StartsWith("You're on call")), "Megan on call");
        Assert.Equal("acknowledged", await TimerAsync(s, inHand, "Acknowledge"));     // stays stopped
        Assert.StartsWith("open", await TimerAsync(s, waiting, "Acknowledge"));       // the untouched one restarts for Megan
    }
}
