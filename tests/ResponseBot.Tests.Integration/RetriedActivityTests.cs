using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Teams retries an activity it got no answer to in time: whatever the first attempt did is not done again.</summary>
public sealed class RetriedActivityTests(PostgresFixture pg) : ScenarioTest(pg)
{
    // Action.Submit (clients without Universal Actions) arrives as a message carrying the card's data, and is answered in chat.
    private static JsonObject Submit(TeamsUser user, string verb, JsonObject? data = null)
    {
        var a = user.Message("");
        var value = data?.DeepClone().AsObject() ?? new JsonObject();
        value["verb"] = verb;
        a["value"] = value;
        return a;
    }

    [Fact]
    public async Task A_retried_Action_Submit_posts_its_card_once()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        var press = Submit(_s.Alex, CardVerbs.RotaWeek);
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();   // the same activity id again
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "kind = 'chat.card' and recipient = 'aad-alex' and payload like '%Out-of-hours rota%'"));
    }

    [Fact]
    public async Task A_retried_Action_Submit_refusal_is_said_once()
    {
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        var caseId = await _s.MentionAsync("retry-1", "Is the tip open?");
        var press = Submit(_s.Megan, CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId });
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "kind = 'chat.text' and recipient = 'aad-megan' and payload like '%not the officer on call%'"));
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'refused' and actor_id = 'aad-megan'"));
    }

    [Fact]
    public async Task A_button_a_card_of_ours_never_carries_is_answered_in_chat_when_the_card_stays()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(Submit(_s.Alex, "rota.nonsense"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "kind = 'chat.text' and recipient = 'aad-alex' and payload like '%isn''t recognised%'"));
    }
}
