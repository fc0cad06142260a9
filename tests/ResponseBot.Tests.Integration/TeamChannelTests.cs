using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Cases posted to a team channel for the team to claim; the claimer then owns the case.</summary>
public sealed class TeamChannelTests(PostgresFixture pg) : ScenarioTest(pg, s => s["Routing:TeamChannel"] = "auto")
{
    private const string Channel = "19:general@thread.tacv2";

    private JsonObject InChannel(JsonObject activity, string channel = Channel)
    {
        activity["conversation"] = new JsonObject { ["id"] = $"{channel};messageid=1700000000000", ["conversationType"] = "channel", ["tenantId"] = "tenant-1" };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2", ["name"] = "Comms" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "General" },
        };
        return activity;
    }

    private async Task<JsonObject> ClaimAsync(TeamsUser user, long caseId, string channel = Channel)
    {
        var response = await _s.SendAsync(InChannel(user.Execute(CardVerbs.Claim, new JsonObject { [CardVerbs.CaseIdKey] = caseId }), channel));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task A_mention_is_posted_to_the_team_channel_where_anyone_can_claim_it_and_the_claimer_owns_it()
    {
        (await _s.SendAsync(InChannel(_s.Megan.Install()))).EnsureSuccessStatusCode();
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("c-1", "Is the library open on Sunday?");

        await Eventually.TrueAsync(() => _s.Connector.CaseCards().Any(c => c.Call.ConversationId == Channel), "card posted to the channel");
        var channelCard = _s.Connector.CaseCards().First(c => c.Call.ConversationId == Channel).Card;
        Assert.Contains(CardVerbs.Claim, Scenario.Verbs(channelCard));
        Assert.DoesNotContain(CardVerbs.Approve, Scenario.Verbs(channelCard));
        await _s.CardPostedToAsync(_s.Alex, caseId); // the officer on call has it too

        // Megan is neither on call nor a manager, but she is in the team channel.
        var claimed = await ClaimAsync(_s.Megan, caseId);
        Assert.Contains("Claimed by Megan Bowen", claimed["value"].Text());
        Assert.Contains(CardVerbs.Approve, Scenario.Verbs((JsonObject)claimed["value"]!));

        var alex = await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        Assert.Equal("Megan Bowen has claimed this case.", alex["value"]!.GetValue<string>());

        var approve = InChannel(_s.Megan.Execute(CardVerbs.SendEdited, new JsonObject { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.ReplyTextInputId] = "Yes, 10:00 to 16:00." }));
        (await _s.SendAsync(approve)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "the claimer's reply was published");
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.Method == "PUT" && c.ConversationId == Channel && c.Body.Text().Contains("Sent by Megan Bowen")),
            "the channel's card shows the outcome");
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'claimed' and actor_id = 'aad-megan'", new { caseId }));
    }

    [Fact]
    public async Task A_claim_from_any_other_channel_is_refused()
    {
        (await _s.SendAsync(InChannel(_s.Megan.Install()))).EnsureSuccessStatusCode();
        var caseId = await _s.MentionAsync("c-2", "hello");
        await Eventually.TrueAsync(() => _s.Connector.CaseCards().Any(c => c.Call.ConversationId == Channel), "card posted to the channel");
        // The delivery is recorded just after the post: wait for it, so what follows shows the refused claim changed nothing.
        await Eventually.TrueAsync(async () => await _s.StateAsync(caseId) == "Notified", "delivery recorded");

        var elsewhere = await ClaimAsync(_s.Megan, caseId, "19:random@thread.tacv2");
        Assert.Contains("not the officer on call", elsewhere["value"]!.GetValue<string>());
        Assert.Equal("Notified", await _s.StateAsync(caseId));
    }
}
