using Microsoft.Playwright;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// A manager's report in Microsoft's Teams stand-in, driven in headless Chromium: Alex, a manager, asks for "report week"
/// after two mentions came in and gets the report card (Teams' charts drawn by the playground) with its figures and a CSV
/// link that downloads from the bot. Screenshot in tests/artifacts/e2e.
/// </summary>
public sealed class ReportInPlaygroundTests(PostgresFixture pg, ChromiumFixture chromium)
{
    [Fact]
    public async Task A_manager_asks_for_report_week_and_the_report_card_arrives_with_its_figures_and_the_csv_button()
    {
        await using var rig = await PlaygroundRig.StartAsync(pg, s =>
        {
            s["Roles:Managers:0"] = PlaygroundRig.AlexAadId;
            s["Downloads:PublicBaseUrl"] = "https://responsebot.example.test";
        });
        await rig.MentionAsync("e2e-report-1", "The streetlight on Mill Lane has been out for a week");
        await rig.MentionAsync("e2e-report-2", "There's a fire in the bin store behind the flats");
        var chat = await PlaygroundChat.OpenAsync(chromium.Browser, rig.Playground.Url, nameof(A_manager_asks_for_report_week_and_the_report_card_arrives_with_its_figures_and_the_csv_button));

        await chat.SayAsync("report week");
        var card = await chat.CardAsync("Report: the last 7 days");
        await card.GetByText("Who handled what").WaitForAsync();
        var text = await card.InnerTextAsync();
        Assert.Contains("2: 0 replied, 0 dismissed, 2 still open", text);
        Assert.Contains("compared with the week before", text);
        await chat.ScreenshotAsync("1-report-week");

        // The playground draws Action.OpenUrl as a link-role button titled with its URL: the CSV behind it downloads from the bot.
        var link = await card.GetByRole(AriaRole.Link, new() { Name = "Download CSV", Exact = true }).GetAttributeAsync("title");
        Assert.StartsWith("https://responsebot.example.test/downloads/", link);
        var csv = await rig.Bot.Http.GetStringAsync(new Uri(link!).AbsolutePath.TrimStart('/'));
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);   // the header and the two cases
        Assert.Contains(",ExampleCouncil,Community Forum,Emergency,", csv);
    }
}
