using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Pre-election periods managed from Teams: while one covers the account every reply needs a manager, holding replies
/// fall silent without a neutral text, and every case card says so; ending it lifts all of that.</summary>
public sealed class PreElectionTests(PostgresFixture pg)
{
    private const string Pcc = "Police and Crime Commissioner election 2027";
    private const string OtherAccount = "other";

    // Tuesday 24 November 2026, 22:00: nobody on the primary rota, so a gap in cover; Megan is the manager layer.
    private static Task<Scenario> StartAsync(PostgresFixture pg, ManualTime time, Action<Dictionary<string, string?>>? more = null) => Scenario.StartAsync(pg, s =>
    {
        s[$"Accounts:{BotHost.AccountId}:HoldingReply"] = "Gaps";
        s["Rota:Layers:Manager:Participants:0"] = "aad-megan";
        s[$"Accounts:{OtherAccount}:Platform"] = "Generic";
        s[$"Accounts:{OtherAccount}:Handle"] = "OtherForum";
        s[$"Accounts:{OtherAccount}:WebhookSecret"] = "another-webhook-secret-for-tests";
        s[$"Accounts:{OtherAccount}:ReplyUrl"] = s[$"Accounts:{BotHost.AccountId}:ReplyUrl"];
        more?.Invoke(s);
    }, time);

    private static JsonObject Form(string scope) => new()
    {
        [CardVerbs.ElectionNameInputId] = Pcc, [CardVerbs.ElectionFromInputId] = "2026-11-20",
        [CardVerbs.ElectionToInputId] = "2026-12-10", [CardVerbs.ElectionScopeInputId] = scope,
    };

    [Fact]
    public async Task A_manager_adds_a_period_from_Teams_then_replies_need_a_manager_holding_replies_stop_and_cards_say_so_until_it_ends()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));
        await using var s = await StartAsync(pg, time);
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        (await s.SendAsync(s.Megan.Message("elections"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.LatestCardTo(s.Megan) is { } c && Scenario.Verbs(c).Contains(CardVerbs.AddElection), "the periods card with the form");

        // Someone who isn't a manager can't, whatever the card sends.
        Assert.Contains("Only managers", JsonText.Of(await InvokeAsync(s, s.Alex, CardVerbs.AddElection, Form("*"))));
        Assert.Equal(0, await s.Db.CountAsync("election_periods"));

        var saved = JsonText.Of(await InvokeAsync(s, s.Megan, CardVerbs.AddElection, Form("*")));
        Assert.Contains($"Saved: you added the pre-election period \"{Pcc}\" (20 November 2026 to 10 December 2026, all accounts)", saved);
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "action = 'election_period_changed' and actor_id = 'aad-megan'"));

        // A mention in the gap gets no holding reply: there is no neutral text configured.
        var first = await s.MentionAsync("pe-1", "My bin wasn't collected");
        await Task.Delay(800);
        Assert.Empty(s.Receiver.Received);

        // The card says so, and Approve goes to a manager with the period named.
        await s.GoOnCallAsync(s.Alex);
        await s.CardPostedToAsync(s.Alex, first);
        Assert.Contains($"Pre-election period: {Pcc} until 10 December 2026. Every reply needs a manager's approval.", JsonText.Of(s.LatestCard(s.Alex, first)));
        await s.ClickAsync(s.Alex, CardVerbs.Approve, first);
        Assert.Equal("AwaitingApproval", await s.StateAsync(first));
        Assert.Equal($"it is the pre-election period ({Pcc})", await s.Db.ScalarAsync<string>("select reason from cases where id = @first", new { first }));

        // Ending it lifts it: the next reply goes straight out, and its card has no banner.
        var id = await s.Db.ScalarAsync<long>("select id from election_periods");
        Assert.Contains("ended the pre-election period", JsonText.Of(await InvokeAsync(s, s.Megan, CardVerbs.EndElection, new JsonObject { [CardVerbs.ElectionIdKey] = id })));
        Assert.Equal(2, await s.Db.CountAsync("decision_log", "action = 'election_period_changed'"));
        var next = await s.MentionAsync("pe-2", "And the recycling?");
        await s.CardPostedToAsync(s.Alex, next);
        Assert.DoesNotContain("Pre-election period", JsonText.Of(s.LatestCard(s.Alex, next)));
        await s.ClickAsync(s.Alex, CardVerbs.Approve, next);
        Assert.Equal("Scheduled", await s.StateAsync(next));
    }

    [Fact]
    public async Task A_period_for_another_account_leaves_this_one_alone_and_configured_periods_are_read_only()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));
        await using var s = await StartAsync(pg, time, c =>
        {
            c["Policy:PreElectionPeriods:0:Name"] = "Parish poll";
            c["Policy:PreElectionPeriods:0:From"] = "2026-11-01";
            c["Policy:PreElectionPeriods:0:To"] = "2026-11-30";
            c["Policy:PreElectionPeriods:0:Accounts:0"] = OtherAccount;
        });
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        var saved = JsonText.Of(await InvokeAsync(s, s.Megan, CardVerbs.AddElection, Form(OtherAccount)));
        Assert.Contains($"{Pcc}\" (20 November 2026 to 10 December 2026, {OtherAccount})", saved);
        Assert.Contains("Parish poll", saved);
        Assert.Contains("Set in configuration", saved);

        var caseId = await s.MentionAsync("pe-3", "My bin wasn't collected");
        await Eventually.TrueAsync(() => s.Receiver.Received.Count == 1, "the usual holding reply");
        await s.GoOnCallAsync(s.Alex);
        await s.CardPostedToAsync(s.Alex, caseId);
        Assert.DoesNotContain("Pre-election period", JsonText.Of(s.LatestCard(s.Alex, caseId)));
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        Assert.Equal("Scheduled", await s.StateAsync(caseId));
    }

    private static async Task<JsonObject> InvokeAsync(Scenario s, TeamsUser user, string verb, JsonObject data)
    {
        var response = await s.SendAsync(user.Execute(verb, data));
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(response.Content))!;
    }
}
