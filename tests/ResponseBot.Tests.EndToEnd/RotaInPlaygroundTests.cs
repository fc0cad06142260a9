using Microsoft.Playwright;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// The rota in Microsoft's Teams stand-in, driven in headless Chromium: Alex asks who's on call, then, as a rota
/// coordinator, adds cover for Megan from the rota card's form. Screenshots go to tests/artifacts/e2e.
/// </summary>
public sealed class RotaInPlaygroundTests(PostgresFixture pg, ChromiumFixture chromium)
{
    private static ILocator Button(ILocator card, string name) => card.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static string TodayInLondon() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Whos_on_call_then_a_coordinator_adds_cover_from_the_rota_card()
    {
        await using var rig = await PlaygroundRig.StartAsync(pg, s =>
        {
            s["Rota:Layers:Primary:Participants:0"] = PlaygroundRig.AlexAadId;
            s["Rota:Layers:Primary:Participants:1"] = PlaygroundSecondUser.AadObjectId;
            s["Rota:Layers:Primary:ShiftDays"] = "1";
            // The rotation starts today with Alex, so tonight (the night the form offers) is Alex's and Megan's cover
            // moves her onto it, whichever day the test runs.
            s["Rota:Layers:Primary:StartDate"] = TodayInLondon();
            s["Rota:Coordinators:0"] = PlaygroundRig.AlexAadId;
        });
        var chat = await PlaygroundChat.OpenAsync(chromium.Browser, rig.Playground.Url, nameof(Whos_on_call_then_a_coordinator_adds_cover_from_the_rota_card));
        await rig.Megan.SayInGroupChatAsync("help");                      // the bot learns Megan's name
        await rig.MeganConversationAsync();

        await chat.SayAsync("who's on call");
        var who = await chat.CardAsync("Who's on call");
        await who.GetByText("Primary", new() { Exact = true }).WaitForAsync();
        Assert.Matches("(Alex Wilber|Megan Bowen)", await who.InnerTextAsync());   // now or next, whatever the time of day
        await chat.ScreenshotAsync("1-whos-on-call");

        await Button(who, "Show the rota").ClickAsync();
        var rota = await chat.CardAsync("Out-of-hours rota");
        await Button(rota, "Add cover").ClickAsync();
        // The playground draws a choice set as a Fluent UI combobox: open it and pick the person. The dates and
        // times are left as the form offers them: tonight, 17:00 to 09:00.
        await rota.GetByRole(AriaRole.Combobox, new() { Name = "Who covers" }).ClickAsync();
        await chat.Page.GetByRole(AriaRole.Option, new() { Name = "Megan Bowen" }).ClickAsync();
        await rota.GetByRole(AriaRole.Combobox, new() { Name = "Start date" }).WaitForAsync();
        await chat.ScreenshotAsync("2-adding-cover");
        await Button(rota, "Save cover").ClickAsync();

        var saved = await chat.CardAsync("Saved: Megan Bowen covers primary from");
        await saved.GetByText("(cover)").First.WaitForAsync();
        await chat.ScreenshotAsync("3-cover-saved");
        var cover = await rig.Db.QueryAsync<(string StaffId, string CreatedBy)>("select staff_id, created_by from rota_overrides");
        Assert.Equal((PlaygroundSecondUser.AadObjectId, PlaygroundRig.AlexAadId), Assert.Single(cover));
        // Megan was moved onto a night, so she is told (Alex too, if the night was his).
        await Eventually.TrueAsync(async () => await rig.Db.CountAsync("outbox", "kind = 'chat.text' and recipient = @m and payload like '%You now cover primary%' and done_at is not null",
            new { m = PlaygroundSecondUser.AadObjectId }) == 1, "Megan told about her new cover");
    }
}
