using Microsoft.Playwright;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// What a newcomer sees in Microsoft's Teams stand-in, clicked in headless Chromium: the welcome on install, "help" and its
/// buttons, "open" listing the cases and opening one in place, and "I'm on it" stopping the escalation timer (checked in
/// the database against a case left alone, which is escalated). Screenshots go to tests/artifacts/e2e.
/// </summary>
public sealed class PilotInPlaygroundTests(PostgresFixture pg, ChromiumFixture chromium)
{
    private static ILocator Button(ILocator card, string name) => card.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task Welcome_help_open_and_im_on_it_stopping_the_escalation()
    {
        await using var rig = await PlaygroundRig.StartAsync(pg, s =>
        {
            s["Rota:Layers:Primary:Participants:0"] = PlaygroundRig.AlexAadId;
            s["Rota:Layers:Secondary:Participants:0"] = PlaygroundSecondUser.AadObjectId;
            s["Organisation:OfficeOpens"] = "00:00";                // always out of hours: Alex is the rota's primary now
            s["Organisation:OfficeCloses"] = "00:00";
            s["Jobs:Enabled"] = "true";
            s["Jobs:EscalationInterval"] = "00:00:00.500";
            s["Policy:AcknowledgeWithin"] = "00:00:20";          // long enough to click through to "I'm on it" on a loaded machine
        });
        var chat = await PlaygroundChat.OpenAsync(chromium.Browser, rig.Playground.Url, nameof(Welcome_help_open_and_im_on_it_stopping_the_escalation));

        // Opening the chat installs the app: the welcome says what the bot does and who Alex is to it.
        var welcome = await chat.CardAsync("Welcome to ResponseBot");
        Assert.Contains("on the out-of-hours rota (primary)", await welcome.InnerTextAsync());
        await chat.ScreenshotAsync("1-welcome");

        await chat.SayAsync("help");
        var help = await chat.CardAsync("ResponseBot: what you can do");
        await chat.ScreenshotAsync("2-help");

        var inHand = await rig.MentionAsync("e2e-ack", "The streetlight outside 14 Mill Lane has been out for a week");
        var leftAlone = await rig.MentionAsync("e2e-alone", "Bins not collected on Cedar Road again");
        await chat.CardAsync($"Case #{leftAlone}");

        // The help card's Open button works like typing "open".
        await Button(help, "Open").ClickAsync();
        var list = await chat.CardAsync("in all · page 1 of 1");
        Assert.Contains($"#{inHand}", await list.InnerTextAsync());
        await chat.ScreenshotAsync("3-open-cases");

        // Each line opens that case's live card, in place of the list.
        await Button(list.Locator(".ac-container").Filter(new() { HasText = $"#{inHand} ·" }).Last, "Open").ClickAsync();
        var card = await chat.CardAsync($"Case #{inHand} ·");
        await chat.ScreenshotAsync("4-opened-from-the-list");

        await Button(card, "I'm on it").ClickAsync();
        await (await chat.CardAsync("Alex Wilber is on it")).WaitForAsync();
        await chat.ScreenshotAsync("5-im-on-it");

        // Past the acknowledge wait: the case left alone goes to the secondary, the one in hand does not.
        await Eventually.TrueAsync(async () => await rig.Db.CountAsync("decision_log", "case_id = @leftAlone and action = 'escalated_by_timer'", new { leftAlone }) > 0,
            "the case left alone is escalated", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await rig.Db.CountAsync("decision_log", "case_id = @inHand and action = 'escalated_by_timer'", new { inHand }));
        Assert.Equal("acknowledged", await rig.Db.ScalarAsync<string>("select outcome from escalations where case_id = @inHand and kind = 'Acknowledge'", new { inHand }));
        Assert.Equal(1, await rig.Db.CountAsync("escalations", "case_id = @inHand and kind = 'Respond' and closed_at is null", new { inHand }));
    }
}
