using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// Bluesky end to end: a resident posts on Bluesky's own servers (running locally), the card reaches Alex in the Agents
/// Playground, Approve posts the reply, and the thread as the real AppView returns it shows the reply under the mention.
/// Screenshots of the card and of the thread go to tests/artifacts/e2e.
/// </summary>
public sealed class BlueskyInPlaygroundTests(PostgresFixture pg, ChromiumFixture chromium)
{
    [Fact]
    public async Task A_Bluesky_mention_is_answered_from_Teams_and_the_reply_is_in_the_thread()
    {
        await using var net = await BlueskyTestnet.StartAsync(pg);
        await using var rig = await PlaygroundRig.StartAsync(pg, s =>
        {
            s["Accounts:bsky:Platform"] = "Bluesky";
            s["Accounts:bsky:Handle"] = net.Council.Handle;
            s["Accounts:bsky:AppPassword"] = net.Council.Password;
            s["Accounts:bsky:ServiceUrl"] = net.Pds.ToString();
            s["Jobs:Enabled"] = "true";
            s["Jobs:SourcePollInterval"] = "00:00:00.500";
        });
        var chat = await PlaygroundChat.OpenAsync(chromium.Browser, rig.Playground.Url, nameof(A_Bluesky_mention_is_answered_from_Teams_and_the_reply_is_in_the_thread));
        await chat.SayAsync("on call");
        await chat.WaitForTextAsync("You're on call now.");

        var resident = await net.CreateSessionAsync(net.Resident);
        var post = await net.PostAsync(resident, "@council.test the streetlight outside 14 Mill Lane has been out for a week", mention: net.Council);
        var card = await chat.CardAsync("Reply will be posted as @council.test on Bluesky");
        await chat.ScreenshotAsync("1-bluesky-card");

        await card.GetByRole(AriaRole.Button, new() { Name = "Approve & send", Exact = true }).ClickAsync();
        await (await chat.CardAsync("Sent by Alex Wilber")).WaitForAsync(new() { Timeout = 40_000 });
        await chat.ScreenshotAsync("2-bluesky-sent");

        var council = await net.CreateSessionAsync(net.Council);
        JsonObject thread = [];
        await Eventually.TrueAsync(async () =>
        {
            thread = await net.GetPostThreadAsync(council, post.Uri);
            return thread["thread"]!["replies"]!.AsArray().Count > 0;
        }, "the reply in the thread", diagnostics: () => thread.ToJsonString());
        var reply = thread["thread"]!["replies"]![0]!["post"]!;
        Assert.Equal(net.Council.Did, (string?)reply["author"]!["did"]);

        // The thread exactly as the AppView returned it, drawn as a page for the record.
        string Post(JsonNode p) => $"<div class=post><b>@{WebUtility.HtmlEncode((string?)p["author"]!["handle"])}</b><p>{WebUtility.HtmlEncode((string?)p["record"]!["text"])}</p></div>";
        var page = await chromium.Browser.NewPageAsync();
        await page.SetContentAsync($"<html><body style='font-family:sans-serif;max-width:600px'><h3>app.bsky.feed.getPostThread</h3>{Post(thread["thread"]!["post"]!)}" +
            $"<div style='margin-left:40px'>{Post(reply)}</div></body></html>");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts("e2e"), "A_Bluesky_mention_is_answered_from_Teams_and_the_reply_is_in_the_thread-3-thread.png") });
        await page.CloseAsync();
    }
}
