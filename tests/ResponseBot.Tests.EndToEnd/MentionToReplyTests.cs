using Microsoft.Playwright;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// The real thing end to end: our host and Postgres, Microsoft's Agents Playground as the Teams client,
/// a headless Chromium clicking the rendered card, and a local ReplyUrl receiver.
/// </summary>
public sealed class MentionToReplyTests(PostgresFixture pg, ChromiumFixture chromium) : IAsyncLifetime
{
    // The playground's signed-in user (Alex Wilber) as Teams identifies them.
    private const string PlaygroundUserAadId = "00000000-0000-0000-0000-0000000000020";

    private FakeReplyReceiver _receiver = null!;
    private BotHost _bot = null!;
    private AgentsPlayground _playground = null!;
    private Db _db = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await pg.NewDatabaseAsync();
        _db = new Db(connectionString);
        _receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
        _bot = await BotHost.StartAsync(BotHost.DefaultSettings(connectionString, _receiver.Url));
        _playground = await AgentsPlayground.StartAsync(new Uri(_bot.BaseUrl, "api/messages"));
    }

    public async ValueTask DisposeAsync()
    {
        await _playground.DisposeAsync();
        await _bot.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<(PlaygroundChat Chat, long CaseId, ILocator Card)> MentionArrivesAsync(string testName, string id, string text)
    {
        var chat = await PlaygroundChat.OpenAsync(chromium.Browser, _playground.Url, testName);
        await chat.SayAsync("on call");
        await chat.WaitForTextAsync("You're on call now.");

        var response = await SignedWebhook.PostAsync(_bot.Http, SignedWebhook.Mention(id, text, handle: "mill_lane_resident", name: "Sam Resident"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var caseId = await SignedWebhook.CaseIdAsync(response);
        var card = await chat.CardAsync($"Case #{caseId}");
        await chat.ScreenshotAsync("1-mention-card");
        return (chat, caseId, card);
    }

    [Fact]
    public async Task A_signed_mention_appears_as_a_card_and_Approve_publishes_the_reply()
    {
        var hostile = "Streetlight out on **Mill Lane** [click here](https://evil.example) <at>Alex Wilber</at>";
        var (chat, caseId, card) = await MentionArrivesAsync(nameof(A_signed_mention_appears_as_a_card_and_Approve_publishes_the_reply), "e2e-approve", hostile);

        // The card says who the reply goes out as, and shows the public's text literally: no bold, no link.
        Assert.Contains("Reply will be posted as @ExampleCouncil on Community Forum", await card.InnerTextAsync());
        Assert.Contains("**Mill Lane** [click here](https://evil.example)", await card.InnerTextAsync());
        Assert.Equal(0, await card.Locator("a[href*='evil.example']").CountAsync());

        await card.GetByRole(AriaRole.Button, new() { Name = "Approve & send", Exact = true }).ClickAsync();

        await Eventually.TrueAsync(() => _receiver.Received.Count == 1, "reply reached the ReplyUrl receiver");
        var reply = _receiver.Received.Single();
        Assert.Equal(("e2e-approve", caseId), (reply.InReplyTo, reply.CaseId));
        Assert.StartsWith("Hi @mill_lane_resident, thanks for getting in touch.", reply.Text);

        await (await chat.CardAsync("Sent by Alex Wilber")).WaitForAsync();
        await chat.ScreenshotAsync("2-sent");
        var decision = (await _db.QueryAsync<(string ActorId, string ActorName, string TextAfter)>(
            "select actor_id, actor_name, text_after from decision_log where case_id = @caseId and action = 'approved'", new { caseId })).Single();
        Assert.Equal((PlaygroundUserAadId, "Alex Wilber", reply.Text), decision);
        Assert.Equal(1, await _db.CountAsync("decision_log", "case_id = @caseId and action = 'published'", new { caseId }));
    }

    [Fact]
    public async Task Edit_then_Send_publishes_the_officers_own_words()
    {
        var (chat, caseId, card) = await MentionArrivesAsync(nameof(Edit_then_Send_publishes_the_officers_own_words), "e2e-edit", "Is the tip open on Sunday?");

        await card.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        var input = card.Locator("textarea").First;
        await input.FillAsync("Hi, yes: the recycling centre is open 9:00 to 16:00 on Sundays.");
        await chat.ScreenshotAsync("2-editing");
        await card.GetByRole(AriaRole.Button, new() { Name = "Send reply", Exact = true }).ClickAsync();

        await Eventually.TrueAsync(() => _receiver.Received.Count == 1, "edited reply reached the receiver");
        Assert.Equal("Hi, yes: the recycling centre is open 9:00 to 16:00 on Sundays.", _receiver.Received.Single().Text);
        await (await chat.CardAsync("Sent by Alex Wilber")).WaitForAsync();
        await chat.ScreenshotAsync("3-sent");
        var edit = (await _db.QueryAsync<(string Before, string After)>(
            "select text_before, text_after from decision_log where case_id = @caseId and action = 'edited_and_approved'", new { caseId })).Single();
        Assert.StartsWith("Hi @mill_lane_resident", edit.Before);
        Assert.Equal("Hi, yes: the recycling centre is open 9:00 to 16:00 on Sundays.", edit.After);
    }
}
