using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>"Who's on call" and "rota" in Teams, and coordinators changing cover from the card, over the real host and database.</summary>
public sealed class RotaCardTests(PostgresFixture pg)
{
    // Monday 23 November 2026, 10:00 in London: office hours, so the night's cover is "next".
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private Task<Scenario> StartAsync() => Scenario.StartAsync(pg, s =>
    {
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
        s["Rota:Layers:Primary:Participants:1"] = "aad-megan";
        s["Rota:Layers:Primary:StartDate"] = "2026-11-23";
        s["Rota:Layers:Primary:ShiftDays"] = "1";
        s["Rota:Coordinators:0"] = "aad-casey";
    }, _time);

    private static TeamsUser Casey(Scenario s) => new("aad-casey", "Casey Coordinator", "29:casey", s.Connector.ServiceUrl);

    [Fact]
    public async Task Whos_on_call_shows_each_layer_now_and_next_from_the_rota()
    {
        await using var s = await StartAsync();
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();
        (await s.SendAsync(s.Megan.Message("Who's on call?"))).EnsureSuccessStatusCode();

        string WhoCard() => s.Connector.Cards().Where(c => c.Call.ConversationId == s.Megan.ConversationId)
            .Select(c => JsonText.Of(c.Card)).LastOrDefault(t => t.StartsWith("Who's on call")) ?? "";
        await Eventually.TrueAsync(() => WhoCard() != "", "who's on call card");
        var card = WhoCard();
        Assert.Contains("As at Mon 23 Nov 10:00", card);
        Assert.Contains("Alex Wilber", card);                 // next: tonight from 17:00
        Assert.Contains(" from Mon 23 Nov 17:00", card);
        Assert.Contains("nobody", card);                      // now: office hours
    }

    [Fact]
    public async Task A_coordinator_adds_changes_and_removes_cover_from_the_card_and_the_people_moved_are_told()
    {
        await using var s = await StartAsync();
        var casey = Casey(s);
        foreach (var u in new[] { s.Alex, s.Megan, casey }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        (await s.SendAsync(casey.Message("rota"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.LatestCardTo(casey) is { } c && Scenario.Verbs(c).Contains(CardVerbs.AddOverride), "rota card with the override form");

        // Megan covers Alex's Monday night.
        var form = new JsonObject
        {
            [CardVerbs.OverrideLayerInputId] = "Primary", [CardVerbs.OverrideStaffInputId] = "aad-megan",
            [CardVerbs.OverrideStartDateInputId] = "2026-11-23", [CardVerbs.OverrideStartTimeInputId] = "17:00",
            [CardVerbs.OverrideEndDateInputId] = "2026-11-24", [CardVerbs.OverrideEndTimeInputId] = "09:00",
        };
        // Teams re-sends the same invoke (a slow answer): the second is shown the card, nothing is added twice.
        var activity = casey.Execute(CardVerbs.AddOverride, form);
        (await s.SendAsync(activity)).EnsureSuccessStatusCode();
        var repeated = await s.SendAsync(activity.DeepClone().AsObject());
        repeated.EnsureSuccessStatusCode();
        var saved = JsonText.Of(await InvokeAsync(s, casey, CardVerbs.RotaWeek, new JsonObject()));
        Assert.Equal(1, await s.Db.CountAsync("rota_overrides"));
        Assert.Contains("(cover)", saved);
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "action = 'rota_changed'"));
        var id = await s.Db.ScalarAsync<long>("select id from rota_overrides where cancelled_at is null");
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.Contains("You no longer cover primary from Mon 23 Nov 17:00 to Tue 24 Nov 09:00: Megan Bowen does.")), "Alex told");
        await Eventually.TrueAsync(() => s.TextsTo(s.Megan).Any(t => t.Contains("You now cover primary from Mon 23 Nov 17:00 to Tue 24 Nov 09:00 (instead of Alex Wilber).")), "Megan told");

        // Someone who isn't a coordinator can't, whatever the card data says.
        var refused = await InvokeAsync(s, s.Alex, CardVerbs.RemoveOverride, new JsonObject { [CardVerbs.OverrideIdKey] = id });
        Assert.Contains("Only rota coordinators", JsonText.Of(refused));
        Assert.Equal(1, await s.Db.CountAsync("rota_overrides", "cancelled_at is null"));

        // Change: only until midnight; Alex gets the rest of his night back.
        var change = new JsonObject { [CardVerbs.OverrideIdKey] = id };
        foreach (var (k, v) in form) change[k + $"-{id}"] = v!.DeepClone();
        change[CardVerbs.OverrideEndTimeInputId + $"-{id}"] = "00:00";
        change[CardVerbs.OverrideEndDateInputId + $"-{id}"] = "2026-11-24";
        Assert.Contains("Saved: Megan Bowen covers primary from Mon 23 Nov 17:00 to Tue 24 Nov 00:00.", JsonText.Of(await InvokeAsync(s, casey, CardVerbs.ChangeOverride, change)));
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.Contains("You now cover primary from Tue 24 Nov 00:00 to Tue 24 Nov 09:00")), "Alex told he has the rest back");

        var newId = await s.Db.ScalarAsync<long>("select id from rota_overrides where cancelled_at is null");
        Assert.Contains("Cover removed. 2 people whose shifts moved have been told.",
            JsonText.Of(await InvokeAsync(s, casey, CardVerbs.RemoveOverride, new JsonObject { [CardVerbs.OverrideIdKey] = newId })));
        Assert.Contains("already been removed", JsonText.Of(await InvokeAsync(s, casey, CardVerbs.RemoveOverride, new JsonObject { [CardVerbs.OverrideIdKey] = newId })));
        Assert.Equal(3, await s.Db.CountAsync("decision_log", "action = 'rota_changed' and actor_id = 'aad-casey'"));
    }

    [Fact]
    public async Task A_bad_override_is_refused_with_the_reason_and_nothing_is_stored()
    {
        await using var s = await StartAsync();
        var casey = Casey(s);
        (await s.SendAsync(casey.Install())).EnsureSuccessStatusCode();
        var form = new JsonObject
        {
            [CardVerbs.OverrideLayerInputId] = "Primary", [CardVerbs.OverrideStaffInputId] = "aad-mallory",
            [CardVerbs.OverrideStartDateInputId] = "2026-11-23", [CardVerbs.OverrideStartTimeInputId] = "17:00",
            [CardVerbs.OverrideEndDateInputId] = "2026-11-24", [CardVerbs.OverrideEndTimeInputId] = "09:00",
        };
        Assert.Contains("Choose someone from the rota to cover.", JsonText.Of(await InvokeAsync(s, casey, CardVerbs.AddOverride, form)));
        Assert.Equal(0, await s.Db.CountAsync("rota_overrides"));
    }

    private static async Task<JsonObject> InvokeAsync(Scenario s, TeamsUser user, string verb, JsonObject data)
    {
        var response = await s.SendAsync(user.Execute(verb, data));
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(response.Content))!;
    }
}
