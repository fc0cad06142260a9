using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Escalation timers end to end: real Postgres, the real Quartz scheduler polling the timers, the fake Bot
/// Connector, and a clock the test moves. Nobody has to say "on call": the rota decides who is paged.
/// </summary>
public sealed class EscalationTests(PostgresFixture pg)
{
    // Tuesday 24 November 2026, 22:00 in London: inside the night's out-of-hours window.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero), flows: true);

    private Task<Scenario> StartAsync() => Scenario.StartAsync(pg, Settings, _time);

    private static void Settings(Dictionary<string, string?> s)
    {
        s["Jobs:Enabled"] = "true";
        s["Jobs:EscalationInterval"] = "00:00:00.500";
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
        s["Rota:Layers:Secondary:Participants:0"] = "aad-megan";
        s["Rota:Layers:Manager:Participants:0"] = "aad-mia";
        s["Roles:Managers:0"] = "aad-adele";
        s["Policy:AcknowledgeWithin"] = "00:15:00";
        s["Policy:ApproveWithin"] = "00:10:00";
        s["Policy:EscalationRounds"] = "2";
    }

    private static TeamsUser Mia(Scenario s) => new("aad-mia", "Mia Manager", "29:mia", s.Connector.ServiceUrl);
    private static TeamsUser Adele(Scenario s) => new("aad-adele", "Adele Vance", "29:adele", s.Connector.ServiceUrl);

    private static async Task InstallAsync(Scenario s, params TeamsUser[] users)
    {
        foreach (var u in users) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
    }

    private static Task<long> StepsAsync(Scenario s, long caseId) =>
        s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'escalated_by_timer'", new { caseId });

    private static Task<int> ApprovalStepAsync(Scenario s, long caseId) =>
        s.Db.ScalarAsync<int>("select step from escalations where case_id = @caseId and kind = 'Approval'", new { caseId });

    [Fact]
    public async Task A_case_nobody_acts_on_goes_from_the_silent_primary_to_the_secondary_then_the_manager_then_round_again()
    {
        await using var s = await StartAsync();
        var mia = Mia(s);
        await InstallAsync(s, s.Alex, s.Megan, mia);

        var caseId = await s.MentionAsync("esc-1", "The streetlight on Elm Road has been out for a week");
        await s.CardPostedToAsync(s.Alex, caseId);                        // the rota's primary, without anyone saying "on call"
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "staff_id <> 'aad-alex'"));

        _time.Advance(TimeSpan.FromMinutes(14));
        await Task.Delay(1500);                                             // several polls: nothing is due yet
        Assert.Equal(0, await StepsAsync(s, caseId));

        _time.Advance(TimeSpan.FromMinutes(2));                            // 16 min: the primary stayed silent
        await s.CardPostedToAsync(s.Megan, caseId);
        Assert.Equal(1, await StepsAsync(s, caseId));
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "staff_id = 'aad-mia'"));

        _time.Advance(TimeSpan.FromMinutes(15));                           // and the secondary too: the manager on duty
        await s.CardPostedToAsync(mia, caseId);

        _time.Advance(TimeSpan.FromMinutes(15));                           // round two starts with the primary: a reminder, not a second card
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.Contains($"Case #{caseId} has had no response for 46 min")), "reminder to the primary");
        Assert.Equal(1, await s.Db.CountAsync("case_cards", "staff_id = 'aad-alex'"));
        Assert.Single(s.Connector.CaseCards(), c => c.Call.ConversationId == s.Alex.ConversationId && c.Call.Method == "POST");

        // The secondary the case was escalated to may act on it, though the rota doesn't make them primary.
        var card = await s.ClickAsync(s.Megan, CardVerbs.Approve, caseId);
        Assert.Equal("Scheduled", await s.StateAsync(caseId));
        Assert.DoesNotContain("Only the officer on call", JsonText.Of(card));

        _time.Advance(TimeSpan.FromMinutes(15));                           // acted on: the timer closes, nobody else is asked
        await Eventually.TrueAsync(async () => await s.Db.ScalarAsync<string?>("select outcome from escalations where case_id = @caseId", new { caseId }) == "acknowledged",
            "timer closed as acknowledged");
        Assert.Equal(3, await StepsAsync(s, caseId));
        var log = await s.Db.QueryAsync<string>("select detail::text from decision_log where case_id = @caseId and action = 'escalated_by_timer' order by id", new { caseId });
        Assert.Contains("aad-megan", log[0]);
        Assert.Contains("aad-mia", log[1]);
        Assert.Contains("aad-alex", log[2]);
    }

    [Fact]
    public async Task A_reply_waiting_for_approval_goes_from_the_manager_on_duty_to_every_manager_and_stops_when_exhausted()
    {
        await using var s = await StartAsync();
        var (mia, adele) = (Mia(s), Adele(s));
        await InstallAsync(s, s.Alex, mia, adele);

        var caseId = await s.MentionAsync("esc-2", "Journalist here, can your press office comment on the bin strike?");
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);            // flagged media: needs a manager
        Assert.Equal("AwaitingApproval", await s.StateAsync(caseId));
        await s.CardPostedToAsync(mia, caseId);                           // the rota's manager on duty is asked first
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "staff_id = 'aad-adele'"));

        _time.Advance(TimeSpan.FromMinutes(11));
        await s.CardPostedToAsync(adele, caseId);                         // then every manager
        await Eventually.TrueAsync(() => s.TextsTo(mia).Any(t => t.Contains("waited 11 min for a manager's approval")), "reminder to the manager on duty");

        for (var step = 2; step <= 3; step++)                              // round two: manager on duty, then every manager again
        {
            _time.Advance(TimeSpan.FromMinutes(11));
            await Eventually.TrueAsync(async () => await ApprovalStepAsync(s, caseId) == step, $"approval step {step}");
        }
        _time.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(async () => await s.Db.ScalarAsync<string?>("select outcome from escalations where case_id = @caseId and kind = 'Approval'", new { caseId }) == "exhausted",
            "approval escalation exhausted after two rounds");
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'escalation_exhausted'", new { caseId }));
        Assert.Equal("AwaitingApproval", await s.StateAsync(caseId));    // still waiting: nothing was decided for anyone
    }

    [Fact]
    public async Task A_timer_pending_when_every_instance_stops_fires_when_one_comes_back()
    {
        await using var s = await StartAsync();
        await InstallAsync(s, s.Alex, s.Megan);
        var caseId = await s.MentionAsync("esc-3", "Fly-tipping behind the leisure centre");
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.Bot.DisposeAsync();                                         // the only instance stops with the timer pending

        _time.Advance(TimeSpan.FromMinutes(20));                           // the escalation falls due while nobody is up
        var settings = BotHost.DefaultSettings(s.Db.ConnectionString, s.Receiver.Url);
        Settings(settings);
        await using var restarted = await BotHost.StartAsync(settings, clock: _time);

        await s.CardPostedToAsync(s.Megan, caseId);                        // late, not lost
        Assert.Equal(1, await StepsAsync(s, caseId));
    }

    [Fact]
    public async Task When_the_manager_on_duty_writes_a_risky_reply_the_other_managers_are_asked_to_approve_it()
    {
        await using var s = await StartAsync();
        var (mia, adele) = (Mia(s), Adele(s));
        await InstallAsync(s, s.Alex, s.Megan, mia, adele);
        var caseId = await s.MentionAsync("esc-4", "Journalist here: does the council comment on the depot fire?");
        await s.CardPostedToAsync(s.Alex, caseId);
        _time.Advance(TimeSpan.FromMinutes(16));
        await s.CardPostedToAsync(s.Megan, caseId);
        _time.Advance(TimeSpan.FromMinutes(16));
        await s.CardPostedToAsync(mia, caseId);                            // escalated to the manager on duty

        await s.ClickAsync(mia, CardVerbs.Approve, caseId);               // flagged media: needs a second manager
        Assert.Equal("AwaitingApproval", await s.StateAsync(caseId));
        await s.CardPostedToAsync(adele, caseId);
    }
}
