using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// What someone new sees and asks for: the welcome (their role as the rota says), "help" with its buttons, a team told what
/// it will receive, "open" listing the cases the person may see, and "case 42" / "case @handle" finding them.
/// </summary>
public sealed class WelcomeAndCasesTests(PostgresFixture pg) : ScenarioTest(pg, s =>
{
    s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
    s["Rota:Coordinators:0"] = "aad-cora";
    s["Roles:Managers:0"] = "aad-mia";
    s["Routing:TeamChannel"] = "auto";
})
{
    private TeamsUser Stranger => new("aad-sam", "Sam Other", "29:sam", _s.Connector.ServiceUrl);
    private TeamsUser Cora => new("aad-cora", "Cora Ordinator", "29:cora", _s.Connector.ServiceUrl);
    private TeamsUser Mia => new("aad-mia", "Mia Manager", "29:mia", _s.Connector.ServiceUrl);

    private string? CardText(TeamsUser user, string startsWith) => _s.Connector.Cards().Where(c => c.Call.ConversationId == user.ConversationId)
        .Select(c => JsonText.Of(c.Card)).LastOrDefault(t => t.StartsWith(startsWith));

    private async Task<string> CardAsync(TeamsUser user, string startsWith)
    {
        await Eventually.TrueAsync(() => CardText(user, startsWith) is not null, $"'{startsWith}' card to {user.Name}", diagnostics: () => _s.Bot.Logs.Summary());
        return CardText(user, startsWith)!;
    }

    private JsonObject? LatestCard(TeamsUser user, string startsWith) => _s.Connector.Cards()
        .Where(c => c.Call.ConversationId == user.ConversationId && JsonText.Of(c.Card).StartsWith(startsWith)).Select(c => c.Card).LastOrDefault();

    [Fact]
    public async Task Installing_welcomes_each_person_once_with_their_role_as_the_rota_says_and_whom_to_ask()
    {
        (await _s.SendAsync(Cora.Install())).EnsureSuccessStatusCode();   // known first, so the stranger is told whom to ask
        for (var i = 0; i < 2; i++)
            foreach (var u in new[] { _s.Alex, Mia, Stranger }) (await _s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        Assert.Contains("As I see it, you are on the out-of-hours rota (primary).", await CardAsync(_s.Alex, "Welcome to ResponseBot"));
        Assert.Contains("As I see it, you are a manager.", await CardAsync(Mia, "Welcome to ResponseBot"));
        Assert.Contains("As I see it, you are a rota coordinator.", await CardAsync(Cora, "Welcome to ResponseBot"));
        var stranger = await CardAsync(Stranger, "Welcome to ResponseBot");
        Assert.Contains("You're not on the out-of-hours rota yet, so cases won't come to you. Ask Cora Ordinator (rota coordinator) to add you.", stranger);
        var commands = stranger.Split("Commands")[1].Split('\n');          // no commands they can't use
        Assert.DoesNotContain("on call", commands);
        Assert.DoesNotContain("open", commands);
        Assert.Contains("who's on call", commands);

        await Task.Delay(300);
        foreach (var u in new[] { _s.Alex, Mia, Stranger })
            Assert.Single(_s.Connector.Cards(), c => c.Call.ConversationId == u.ConversationId && JsonText.Of(c.Card).StartsWith("Welcome"));
    }

    [Fact]
    public async Task Help_answers_with_the_commands_for_the_role_as_buttons_and_a_button_works_like_typing()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Alex.Message("help"))).EnsureSuccessStatusCode();
        var help = await CardAsync(_s.Alex, "ResponseBot: what you can do");
        foreach (var command in new[] { "on call", "open", "who's on call", "rota", "cover me", "off call", "calendar", "case 42" })
            Assert.Contains(command, help);
        var buttons = LatestCard(_s.Alex, "ResponseBot: what you can do")!["actions"]!.AsArray();
        Assert.Equal(["On call", "Open", "Who's on call", "Rota", "Cover me"], buttons.Select(b => b!["title"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal("Action.Submit", b!["type"]!.GetValue<string>()));
        Assert.Equal("open", buttons[1]!["data"]![CardVerbs.CommandKey]!.GetValue<string>());

        // Pressing one gets what typing the words gets.
        var press = _s.Alex.Message("");
        press["value"] = buttons[1]!["data"]!.DeepClone();
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        Assert.Contains("Nothing open that you can see", await CardAsync(_s.Alex, "Open cases"));
    }

    [Fact]
    public async Task A_team_is_told_once_what_its_channel_will_receive()
    {
        var install = _s.Megan.Install();
        install["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel", ["tenantId"] = "tenant-1" };
        install["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" }, ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Comms" },
            ["channel"] = new JsonObject { ["id"] = "19:general@thread.tacv2" },
        };
        (await _s.SendAsync(install)).EnsureSuccessStatusCode();
        install["id"] = Guid.NewGuid().ToString();
        (await _s.SendAsync(install)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => _s.Connector.Cards().Any(c => c.Call.ConversationId == "19:general@thread.tacv2"), "the channel told");
        await Task.Delay(300);
        var told = Assert.Single(_s.Connector.Cards(), c => c.Call.ConversationId == "19:general@thread.tacv2");
        Assert.Contains("every new mention is posted here too, and anyone on the out-of-hours rota can Claim it", JsonText.Of(told.Card));
    }

    [Fact]
    public async Task Open_lists_the_cases_someone_may_see_most_urgent_first_paged_and_each_opens_its_card()
    {
        await _s.GoOnCallAsync(_s.Alex);
        (await _s.SendAsync(Stranger.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++) ids.Add(await _s.MentionAsync($"o-{i}", $"Pothole number {i} on Elm Road", handle: $"resident{i}"));
        var emergency = await _s.MentionAsync("o-fire", "There is a fire at the flats and people are trapped", handle: "worried");
        foreach (var id in ids.Append(emergency)) await _s.CardPostedToAsync(_s.Alex, id);

        (await _s.SendAsync(_s.Alex.Message("open"))).EnsureSuccessStatusCode();
        var list = await CardAsync(_s.Alex, "Open cases");
        Assert.Contains("8 in all · page 1 of 2", list);
        var lines = list.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(6, lines.Count);
        Assert.StartsWith($"#{emergency} · Notified · Community Forum · @worried", lines[0]);
        Assert.Contains("emergency", list);

        // The next page, in place; each line's Open gives the case's live card.
        var page = LatestCard(_s.Alex, "Open cases")!;
        var next = page["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Next")!;
        var response = await _s.SendAsync(_s.Alex.Execute(next["verb"]!.GetValue<string>(), next["data"]!.DeepClone().AsObject()));
        var second = JsonText.Of(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]);
        Assert.Contains("page 2 of 2", second);
        Assert.Equal(2, second.Split('\n').Count(l => l.StartsWith('#')));
        var opened = await _s.ClickAsync(_s.Alex, CardVerbs.Refresh, ids[0]);
        Assert.Contains($"Case #{ids[0]} ", JsonText.Of(opened["value"]));
        Assert.Contains(CardVerbs.Approve, opened.ToJsonString());

        // Someone on no rota sees nothing; staff not on call see nothing either; a manager would see all.
        (await _s.SendAsync(Stranger.Message("open"))).EnsureSuccessStatusCode();
        Assert.Contains("Nothing open that you can see", await CardAsync(Stranger, "Open cases"));
        (await _s.SendAsync(_s.Megan.Message("open"))).EnsureSuccessStatusCode();
        Assert.Contains("Nothing open that you can see", await CardAsync(_s.Megan, "Open cases"));
    }

    [Fact]
    public async Task Case_by_number_or_handle_finds_it_for_those_who_may_see_it_and_nobody_else_learns_it_exists()
    {
        await _s.GoOnCallAsync(_s.Alex);
        (await _s.SendAsync(Stranger.Install())).EnsureSuccessStatusCode();
        var caseId = await _s.MentionAsync("f-1", "Graffiti on the bus shelter", handle: "Shelter_Watcher");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        (await _s.SendAsync(_s.Alex.Message($"case #{caseId}"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => _s.Connector.CaseCards().Count(c => c.Call.ConversationId == _s.Alex.ConversationId) == 2, "the case card posted again");
        (await _s.SendAsync(_s.Alex.Message("case @shelter_watcher"))).EnsureSuccessStatusCode();
        Assert.Contains($"#{caseId} · Notified · Community Forum · @Shelter_Watcher", await CardAsync(_s.Alex, "Cases from @shelter_watcher"));

        (await _s.SendAsync(Stranger.Message($"case {caseId}"))).EnsureSuccessStatusCode();
        (await _s.SendAsync(Stranger.Message("case 999999"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => _s.TextsTo(Stranger).Count(t => t.StartsWith("There is no case #")) == 2, "both answered alike");
        Assert.Contains($"There is no case #{caseId} that you can see.", _s.TextsTo(Stranger));
        Assert.Contains("There is no case #999999 that you can see.", _s.TextsTo(Stranger));
        Assert.DoesNotContain(_s.Connector.Calls, c => c.ConversationId == Stranger.ConversationId && JsonText.Of(c.Body).Contains("Graffiti"));
    }
}

/// <summary>An officer on duty who installs the app mid-shift gets the cases that could not reach them before.</summary>
public sealed class InstallMidShiftTests(PostgresFixture pg) : ScenarioTest(pg, s =>
{
    s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
    s["Organisation:OfficeOpens"] = "00:00";   // always out of hours: the rota's primary is on duty now
    s["Organisation:OfficeCloses"] = "00:00";
})
{
    [Fact]
    public async Task Cases_that_arrived_before_the_primary_installed_reach_them_on_install_once()
    {
        var caseId = await _s.MentionAsync("early-1", "Is the tip open today?");
        await Eventually.TrueAsync(async () => await _s.Db.CountAsync("outbox", "case_id = @caseId and failed_at is not null", new { caseId }) == 1,
            "the first card could not reach anyone");

        for (var i = 0; i < 2; i++) (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await Task.Delay(300);
        Assert.Single(_s.Connector.CaseCards(), c => c.Call.ConversationId == _s.Alex.ConversationId && c.Call.Method == "POST");
    }
}
