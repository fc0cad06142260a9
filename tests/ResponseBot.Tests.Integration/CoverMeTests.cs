using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>"Cover me": offered to the others on the rota, the first to take it wins, a coordinator approves, the rota changes.</summary>
public sealed class CoverMeTests(PostgresFixture pg)
{
    // Monday 23 November 2026, 10:00: Alex has tonight (17:00 to 09:00), Megan and Adele the nights after.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private Task<Scenario> StartAsync(bool needsApproval) => Scenario.StartAsync(pg, s =>
    {
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
        s["Rota:Layers:Primary:Participants:1"] = "aad-megan";
        s["Rota:Layers:Primary:Participants:2"] = "aad-adele";
        s["Rota:Layers:Primary:StartDate"] = "2026-11-23";
        s["Rota:Layers:Primary:ShiftDays"] = "1";
        s["Rota:Coordinators:0"] = "aad-casey";
        s["Rota:SwapsNeedApproval"] = needsApproval ? "true" : "false";
    }, _time);

    private static TeamsUser Adele(Scenario s) => new("aad-adele", "Adele Vance", "29:adele", s.Connector.ServiceUrl);
    private static TeamsUser Casey(Scenario s) => new("aad-casey", "Casey Coordinator", "29:casey", s.Connector.ServiceUrl);

    private static async Task<string> ClickAsync(Scenario s, TeamsUser user, string verb, string swapId)
    {
        var response = await s.SendAsync(user.Execute(verb, new JsonObject { [CardVerbs.SwapIdKey] = swapId }));
        response.EnsureSuccessStatusCode();
        return JsonText.Of((await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static async Task<string> AskAsync(Scenario s, params TeamsUser[] others)
    {
        (await s.SendAsync(s.Alex.Message("cover me"))).EnsureSuccessStatusCode();
        foreach (var u in others)
            await Eventually.TrueAsync(() => s.LatestCardTo(u) is { } c && JsonText.Of(c).Contains("Alex Wilber asks for cover: Primary, Mon 23 Nov 17:00 to Tue 24 Nov 09:00."),
                $"offer to {u.Name}");
        return await s.Db.ScalarAsync<string>("select id::text from swap_requests");
    }

    [Fact]
    public async Task The_first_to_take_it_wins_a_coordinator_approves_and_the_rota_changes()
    {
        await using var s = await StartAsync(needsApproval: true);
        var (adele, casey) = (Adele(s), Casey(s));
        foreach (var u in new[] { s.Alex, s.Megan, adele, casey }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        var id = await AskAsync(s, s.Megan, adele);
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.StartsWith("Asked 2 people to cover your primary shift")), "Alex told who was asked");
        (await s.SendAsync(s.Alex.Message("cover me"))).EnsureSuccessStatusCode();   // asking again doesn't open a second, competing request
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.StartsWith("You've already asked for cover for your primary shift")), "Alex told it's still open");
        Assert.Equal(1, await s.Db.CountAsync("swap_requests"));
        Assert.Contains("That's your own shift", await ClickAsync(s, s.Alex, CardVerbs.TakeSwap, id));

        // Megan and Adele press "I'll cover" at the same moment: exactly one takes it.
        var clicks = await Task.WhenAll(ClickAsync(s, s.Megan, CardVerbs.TakeSwap, id), ClickAsync(s, adele, CardVerbs.TakeSwap, id));
        Assert.Single(clicks, c => c.Contains("Thanks: a rota coordinator will confirm."));
        Assert.Single(clicks, c => c.Contains("Someone else took it first."));
        var taker = await s.Db.ScalarAsync<string>("select taken_by from swap_requests");
        // Everyone offered it sees it taken next time they look: the offer refreshes for them.
        var offer = s.LatestCardTo(adele)!;
        Assert.Equal(["29:megan", "29:adele"], offer["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order().Reverse());
        foreach (var viewer in new[] { s.Megan, adele })
        {
            var seen = await ClickAsync(s, viewer, CardVerbs.ViewSwap, id);
            Assert.Contains("waiting for a rota coordinator to approve", seen);
            Assert.DoesNotContain(CardVerbs.TakeSwap, seen);
        }
        Assert.Equal(0, await s.Db.CountAsync("rota_overrides"));            // not on the rota until approved

        await Eventually.TrueAsync(() => s.LatestCardTo(casey) is { } c && Scenario.Verbs(c).Contains(CardVerbs.ApproveSwap), "approval card to the coordinator");
        Assert.Contains("Only rota coordinators", await ClickAsync(s, s.Megan, CardVerbs.ApproveSwap, id));
        Assert.Contains("Approved: it's on the rota now.", await ClickAsync(s, casey, CardVerbs.ApproveSwap, id));
        Assert.Contains("already been decided", await ClickAsync(s, casey, CardVerbs.DeclineSwap, id));

        var cover = await s.Db.QueryAsync<(string StaffId, string CoveringFor)>("select staff_id, covering_for from rota_overrides where cancelled_at is null");
        Assert.Equal((taker, "aad-alex"), Assert.Single(cover));
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.StartsWith("Casey Coordinator approved:") && t.Contains("is covering your primary shift")), "Alex told");

        // Tonight's mention goes to whoever took the shift, not Alex.
        _time.Advance(TimeSpan.FromHours(8));
        var caseId = await s.MentionAsync("swap-1", "Streetlight out on Elm Road");
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("case_cards", "case_id = @caseId and staff_id = @taker", new { caseId, taker }) == 1, "card to the taker");
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "staff_id = 'aad-alex'"));
    }

    [Fact]
    public async Task Without_approval_the_swap_goes_straight_on_the_rota_and_someone_without_shifts_is_told_so()
    {
        await using var s = await StartAsync(needsApproval: false);
        var casey = Casey(s);
        foreach (var u in new[] { s.Alex, s.Megan, casey }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        var id = await AskAsync(s, s.Megan);
        Assert.Contains("Only people on the primary rota can take this shift.", await ClickAsync(s, casey, CardVerbs.TakeSwap, id));
        Assert.Contains("Thanks: it's on the rota now.", await ClickAsync(s, s.Megan, CardVerbs.TakeSwap, id));
        Assert.Equal("aad-megan", await s.Db.ScalarAsync<string>("select staff_id from rota_overrides"));
        // Who took it, by name as well as by id: the log answers "who" for people who don't read Entra ids.
        Assert.Equal("Megan Bowen", await s.Db.ScalarAsync<string>("select actor_name from decision_log where action = 'swap_taken'"));
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.StartsWith("Megan Bowen is covering your primary shift from Mon 23 Nov 17:00 to Tue 24 Nov 09:00.")), "Alex told");

        (await s.SendAsync(casey.Message("cover me"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => s.TextsTo(casey).Any(t => t.StartsWith("You have no out-of-hours shifts in the next 14 days")), "Casey told");
    }
}
