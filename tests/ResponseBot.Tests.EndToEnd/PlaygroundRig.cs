using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>Our host (with its own database), a reply receiver and the Agents Playground pointed at the host.</summary>
public sealed class PlaygroundRig : IAsyncDisposable
{
    public const string AlexAadId = "00000000-0000-0000-0000-0000000000020";

    public required FakeReplyReceiver Receiver { get; init; }
    public required BotHost Bot { get; init; }
    public required AgentsPlayground Playground { get; init; }
    public required Db Db { get; init; }
    public required PlaygroundSecondUser Megan { get; init; }

    public static async Task<PlaygroundRig> StartAsync(PostgresFixture pg, Action<Dictionary<string, string?>>? settings = null)
    {
        var connectionString = await pg.NewDatabaseAsync();
        var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
        var config = BotHost.DefaultSettings(connectionString, receiver.Url);
        settings?.Invoke(config);
        var bot = await BotHost.StartAsync(config);
        var playground = await AgentsPlayground.StartAsync(new Uri(bot.BaseUrl, "api/messages"));
        return new PlaygroundRig
        {
            Receiver = receiver, Bot = bot, Playground = playground, Db = new Db(connectionString),
            Megan = await PlaygroundSecondUser.ConnectAsync(playground.Url),
        };
    }

    public async Task<long> MentionAsync(string id, string text)
    {
        var response = await SignedWebhook.PostAsync(Bot.Http, SignedWebhook.Mention(id, text, handle: "mill_lane_resident", name: "Sam Resident"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return await SignedWebhook.CaseIdAsync(response);
    }

    public Task<int> VersionAsync(long caseId) => Db.ScalarAsync<int>("select version from cases where id = @caseId", new { caseId });

    public Task<string> StateAsync(long caseId) => Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId });

    /// <summary>Megan's 1:1 chat with the bot, once the bot has created it to send her a card.</summary>
    public async Task<string> MeganConversationAsync()
    {
        string? id = null;
        await Eventually.TrueAsync(async () => (id = await Db.ScalarAsync<string?>(
            "select conversation_id from staff where staff_id = @s", new { s = PlaygroundSecondUser.AadObjectId })) is not null, "Megan's chat created");
        return id!;
    }

    public async ValueTask DisposeAsync()
    {
        await Playground.DisposeAsync();
        await Bot.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
