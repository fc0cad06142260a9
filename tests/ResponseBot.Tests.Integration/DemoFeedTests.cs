using Microsoft.Extensions.Options;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The demo's sample mentions arrive through the signed webhook with nobody typing; never in production.</summary>
public sealed class DemoFeedTests(PostgresFixture pg)
{
    [Fact]
    public async Task The_demo_feed_posts_the_shipped_samples_through_the_signed_webhook_and_each_becomes_a_case_for_whoever_is_on_call()
    {
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            c["Demo:Feed"] = "true";
            c["Demo:FeedAccount"] = BotHost.AccountId;
            c["Demo:FeedFirstDelay"] = "00:00:01";
            c["Demo:FeedInterval"] = "00:00:00.200";
            c["Rota:Layers:Primary:Participants:0"] = "aad-alex";
            c["Organisation:OfficeOpens"] = "00:00";   // always out of hours, as the demo is
            c["Organisation:OfficeCloses"] = "00:00";
        });
        (await s.SendAsync(s.Alex.Install())).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => await s.Db.CountAsync("cases") == 10, "ten sample mentions", TimeSpan.FromSeconds(30),
            diagnostics: () => s.Bot.Logs.Summary());
        var flags = await s.Db.QueryAsync<string>("select array_to_string(flags, ',') from cases order by id");
        Assert.Contains(flags, f => f.Contains("personal-data"));
        Assert.Contains(flags, f => f.Contains("political"));
        Assert.Contains(flags, f => f.Contains("media"));
        Assert.Contains(flags, f => f.Contains("emergency"));
        Assert.Equal(4, await s.Db.CountAsync("cases", "text ilike '%Cedar Road%'"));   // the small storm
        Assert.Equal(10, await s.Db.CountAsync("decision_log", "action = 'received'"));
        // Nobody typed anything: the rota's primary gets every card.
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("case_cards", "staff_id = 'aad-alex'") == 10, "every card to the primary",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_production_host_refuses_to_start_with_the_demo_on()
    {
        var settings = BotHost.ProductionSettings(await pg.NewDatabaseAsync(), new Uri("https://replies.example.gov.uk/"));
        settings["Demo:Feed"] = "true";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings, environment: "Production"));
        Assert.Contains("Demo:ReplyReceiver and Demo:Feed are for the local demo (Development) only.", ex.Message);
    }
}
