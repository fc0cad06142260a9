using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Only someone with a reason to may see a case, and only staff may go on call: decided from the authenticated user.</summary>
public sealed class AccessTests(PostgresFixture pg) : ScenarioTest(pg)
{
    private const string PublicText = "My neighbour at 4 Elm Road is selling drugs";

    // Someone in an allowed tenant, but not on the rota, not a manager, never sent the case.
    private TeamsUser Mallory => new("aad-mallory", "Mallory Outsider", "29:mallory", _s.Connector.ServiceUrl);

    [Theory]
    [InlineData(CardVerbs.Refresh)]
    [InlineData(CardVerbs.UseTemplate)]
    [InlineData(CardVerbs.Approve)]
    public async Task A_stranger_asking_about_a_case_gets_no_public_text_even_with_an_old_version(string verb)
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("access-1", PublicText, handle: "resident42");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        (await _s.SendAsync(Mallory.Install())).EnsureSuccessStatusCode();

        var card = await _s.ClickAsync(Mallory, verb, caseId, version: 0);
        var text = card.Text();
        Assert.Contains("You don't have access to this case.", text);
        Assert.DoesNotContain("Elm Road", text);
        Assert.DoesNotContain("resident42", text);
        Assert.DoesNotContain("Already handled", text);
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'refused' and actor_id = 'aad-mallory' and reason = 'NoAccess'", new { caseId }));
        Assert.Equal("Notified", await _s.StateAsync(caseId));
    }

    [Fact]
    public async Task Whoever_holds_a_copy_may_still_look_after_going_off_call()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("access-2", PublicText);
        await _s.CardPostedToAsync(_s.Alex, caseId);
        (await _s.SendAsync(_s.Alex.Message("off call"))).EnsureSuccessStatusCode();
        var card = await _s.ClickAsync(_s.Alex, CardVerbs.Refresh, caseId);
        Assert.Contains("Elm Road", card.Text());
    }

    [Fact]
    public async Task A_stranger_cannot_go_on_call_so_gets_no_cases_and_cannot_publish()
    {
        var caseId = await _s.MentionAsync("access-3", PublicText);   // nobody on call: the case waits
        (await _s.SendAsync(Mallory.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(Mallory.Message("on call"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => _s.TextsTo(Mallory).Any(t => t.StartsWith("You're not on the out-of-hours rota")), "Mallory refused");

        Assert.Equal(0, await _s.Db.CountAsync("on_call", "staff_id = 'aad-mallory'"));
        Assert.Equal(0, await _s.Db.CountAsync("outbox", "kind = 'chat.case_card' and recipient = 'aad-mallory'"));
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'refused' and actor_id = 'aad-mallory' and reason = 'NotStaff'"));

        var approve = await _s.ClickAsync(Mallory, CardVerbs.Approve, caseId);
        Assert.Contains("You don't have access to this case.", approve.Text());
        Assert.Equal("New", await _s.StateAsync(caseId));
        Assert.Empty(_s.Receiver.Received);
    }
}
