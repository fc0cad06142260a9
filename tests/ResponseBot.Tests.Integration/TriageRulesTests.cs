using Microsoft.Extensions.Options;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Triage rules through the real host: a rules file edited while the bot runs, a tag routed to the secondary, a Welsh
/// mention answered in Welsh, a bad rule refused at start with its name.
/// </summary>
public sealed class TriageRulesTests(PostgresFixture pg) : IDisposable
{
    // Tuesday 24 November 2026, 22:00 in London: out of hours, so the rota's layers are on duty.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero), flows: true);
    private readonly string _rulesFile = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.json");

    private void WriteRules(string rules) => File.WriteAllText(_rulesFile, $$"""{ "Triage": { "Rules": { {{rules}} } } }""");

    private static Task<string[]> TagsAsync(Scenario s, long caseId) => s.Db.ScalarAsync<string[]>("select tags from cases where id = @caseId", new { caseId });

    private static int Count(Scenario s, string logged) => s.Bot.Logs.Lines.Count(l => l.Contains(logged));

    [Fact]
    public async Task An_edit_to_the_rules_file_changes_the_outcome_without_a_restart_and_a_bad_edit_keeps_the_last_good_rules()
    {
        WriteRules("""  "bins": { "Words": ["bins"], "Tag": "bins" }  """);
        await using var s = await Scenario.StartAsync(pg, c => c["Triage:RulesFile"] = _rulesFile);
        Assert.Equal(["bins"], await TagsAsync(s, await s.MentionAsync("r-1", "The bins weren't collected")));

        var reloads = Count(s, "Triage rules reloaded");
        WriteRules("""  "bins": { "Words": ["bins"], "Tag": "waste" }, "roads": { "Words": ["pothole*"], "Tag": "highways" }  """);
        await Eventually.TrueAsync(() => Count(s, "Triage rules reloaded") > reloads, "the rules file reloaded", diagnostics: () => s.Bot.Logs.Summary());
        Assert.Equal(["waste"], await TagsAsync(s, await s.MentionAsync("r-2", "The bins weren't collected")));
        Assert.Equal(["highways"], await TagsAsync(s, await s.MentionAsync("r-3", "Potholes on Elm Road")));

        WriteRules("""  "bins": { "Words": ["bins"], "Patterns": ["(unclosed"], "Tag": "broken" }  """);
        await Eventually.TrueAsync(() => Count(s, "Triage:Rules:bins: Patterns:0 is not a valid pattern") > 0, "the bad rule named in the log",
            diagnostics: () => s.Bot.Logs.Summary());
        Assert.Equal(["waste"], await TagsAsync(s, await s.MentionAsync("r-4", "The bins weren't collected")));
        Assert.Equal(["highways"], await TagsAsync(s, await s.MentionAsync("r-5", "Potholes on Elm Road")));
    }

    [Fact]
    public async Task A_tag_routed_to_the_secondary_brings_them_the_card_as_well_as_the_primary()
    {
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            c["Rota:Layers:Primary:Participants:0"] = "aad-alex";
            c["Rota:Layers:Secondary:Participants:0"] = "aad-megan";
            c["Triage:Rules:asb:Phrases:0"] = "anti-social";
            c["Triage:Rules:asb:Tag"] = "asb";
            c["Triage:Rules:asb:Route"] = "secondary";
        }, _time);
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        var plain = await s.MentionAsync("t-1", "The streetlight on Elm Road is out");
        await s.CardPostedToAsync(s.Alex, plain);
        var asb = await s.MentionAsync("t-2", "Anti-social behaviour in the park again tonight");
        await s.CardPostedToAsync(s.Alex, asb);
        await s.CardPostedToAsync(s.Megan, asb);
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "case_id = @plain and staff_id = 'aad-megan'", new { plain }));
        Assert.Contains("Tags: asb", JsonText.Of(s.LatestCard(s.Megan, asb)!));
    }

    [Fact]
    public async Task A_Welsh_mention_gets_the_Welsh_suggested_reply_and_its_card_says_Welsh()
    {
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            c[$"Accounts:{BotHost.AccountId}:SuggestedReply"] = "Thanks {author}, we're on it.";
            c[$"Accounts:{BotHost.AccountId}:SuggestedReplyCy"] = "Diolch {author}, rydyn ni arni.";
        });
        await s.GoOnCallAsync(s.Alex);

        var welsh = await s.MentionAsync("w-1", "Mae'r sbwriel heb ei gasglu ar y ffordd ers wythnos", handle: "dafydd");
        await s.CardPostedToAsync(s.Alex, welsh);
        var card = JsonText.Of(s.LatestCard(s.Alex, welsh)!);
        Assert.Contains("Cymraeg / Welsh", card);
        Assert.Contains("Diolch @dafydd, rydyn ni arni.", card);
        Assert.Equal("cy", await s.Db.ScalarAsync<string>("select language from cases where id = @welsh", new { welsh }));

        var english = await s.MentionAsync("w-2", "The bins in Llandudno weren't collected again");
        await s.CardPostedToAsync(s.Alex, english);
        var englishCard = JsonText.Of(s.LatestCard(s.Alex, english)!);
        Assert.DoesNotContain("Cymraeg", englishCard);
        Assert.Contains("Thanks @resident42, we're on it.", englishCard);
    }

    [Fact]
    public async Task Personal_details_suggest_moving_to_a_private_channel()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        var caseId = await s.MentionAsync("p-1", "Nobody came, I'm at 14 Mill Lane, AB1 2CD");
        await s.CardPostedToAsync(s.Alex, caseId);
        Assert.Contains("send them to us by direct message", JsonText.Of(s.LatestCard(s.Alex, caseId)!));
        Assert.Equal("private-details", await s.Db.ScalarAsync<string>("select suggested_template from cases where id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_bad_rule_stops_the_bot_at_start_with_the_rule_named()
    {
        var settings = BotHost.DefaultSettings(await pg.NewDatabaseAsync(), new Uri("http://127.0.0.1:9/replies"));
        settings["Triage:Rules:potholes:Patterns:0"] = "pothole(";
        settings["Triage:Rules:potholes:Tag"] = "highways";
        settings["Triage:Rules:roads:Words:0"] = "road";
        settings["Triage:Rules:roads:Route"] = "deputy";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings));
        Assert.Contains("Triage:Rules:potholes: Patterns:0 is not a valid pattern", ex.Message);
        Assert.Contains("Triage:Rules:roads: Route: \"deputy\" is not a rota layer", ex.Message);
    }

    public void Dispose() => File.Delete(_rulesFile);
}
