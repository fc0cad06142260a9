using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>A running bot with its own database, a fake Bot Connector and a fake reply receiver.</summary>
public sealed class Scenario : IAsyncDisposable
{
    public required BotHost Bot { get; init; }
    public required FakeConnector Connector { get; init; }
    public required FakeReplyReceiver Receiver { get; init; }
    public required Db Db { get; init; }
    public required TeamsUser Alex { get; init; }
    public required TeamsUser Megan { get; init; }
    /// <summary>The bot's clock, when the test moves it by hand: webhook timestamps follow it.</summary>
    public TimeProvider? Clock { get; init; }

    /// <param name="database">An existing database to start on (a restart); a fresh one when null.</param>
    /// <param name="services">Registrations over the bot's own (a shorter HTTP timeout, a scripted source).</param>
    public static async Task<Scenario> StartAsync(PostgresFixture pg, Action<Dictionary<string, string?>>? settings = null, TimeProvider? clock = null,
        string? database = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var connectionString = database ?? await pg.NewDatabaseAsync();
        var connector = await FakeConnector.StartAsync();
        var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
        var config = BotHost.DefaultSettings(connectionString, receiver.Url);
        settings?.Invoke(config);
        var bot = await BotHost.StartAsync(config, clock: clock, services: services);
        return new Scenario
        {
            Bot = bot, Connector = connector, Clock = clock, Receiver = receiver, Db = new Db(connectionString),
            Alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", connector.ServiceUrl),
            Megan = new TeamsUser("aad-megan", "Megan Bowen", "29:megan", connector.ServiceUrl),
        };
    }

    public Task<HttpResponseMessage> SendAsync(JsonObject activity) => TeamsUser.SendAsync(Bot.Http, activity);

    /// <summary>Installs the app for <paramref name="user"/> and puts them on call; waits for the confirmation.</summary>
    public async Task GoOnCallAsync(TeamsUser user)
    {
        (await SendAsync(user.Install())).EnsureSuccessStatusCode();
        (await SendAsync(user.Message("on call"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Connector.Calls.Any(c => c.ConversationId == user.ConversationId && (c.Body["text"]?.GetValue<string>() ?? "").StartsWith("You're on call")),
            $"{user.Name} told they're on call");
    }

    public async Task<long> MentionAsync(string id, string text, string handle = "resident42")
    {
        var response = await SignedWebhook.PostAsync(Bot.Http, SignedWebhook.Mention(id, text, handle: handle), timestamp: Clock?.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var caseId = await SignedWebhook.CaseIdAsync(response);
        await RoutedAsync();
        return caseId;
    }

    /// <summary>Waits for the router to route every stored case: a webhook mention is acknowledged once stored, and routed just after.</summary>
    public Task RoutedAsync() =>
        Eventually.TrueAsync(async () => await Db.CountAsync("cases", "routed_at is null") == 0, "every stored case routed", TimeSpan.FromSeconds(60),
            diagnostics: () => Bot.Logs.Summary());

    /// <summary>Waits for the case a polled platform post became; returns its id.</summary>
    public async Task<long> CaseForPostAsync(string externalId)
    {
        long id = 0;
        await Eventually.TrueAsync(async () => (id = await Db.ScalarAsync<long>("select coalesce(max(id), 0) from cases where external_id = @externalId", new { externalId })) > 0,
            $"a case for {externalId}", TimeSpan.FromSeconds(30), diagnostics: () => Bot.Logs.Summary());
        return id;
    }

    /// <summary>Waits for a case card to be posted to <paramref name="user"/>; returns its activity id.</summary>
    public async Task<string> CardPostedToAsync(TeamsUser user, long caseId)
    {
        string? id = null;
        await Eventually.TrueAsync(async () =>
        {
            id = (await Db.QueryAsync<string>("select message_id from case_cards where case_id = @caseId and staff_id = @s", new { caseId, s = user.AadObjectId })).FirstOrDefault();
            return id is not null;
        }, $"card for case {caseId} posted to {user.Name}", diagnostics: () => Bot.Logs.Summary());
        return id!;
    }

    /// <summary>Clicks an Action.Execute button as <paramref name="user"/>; returns the invoke response body.</summary>
    public async Task<JsonObject> ClickAsync(TeamsUser user, string verb, long caseId, string? replyText = null, string? replyToId = null,
        JsonObject? inputs = null, int? version = null)
    {
        var data = inputs?.DeepClone().AsObject() ?? new JsonObject();
        data[CardVerbs.CaseIdKey] = caseId;
        if (version is not null) data[CardVerbs.VersionKey] = version;
        if (replyText is not null) data[CardVerbs.ReplyTextInputId] = replyText;
        var response = await SendAsync(user.Execute(verb, data, replyToId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Every text message the bot sent into <paramref name="user"/>'s chat, oldest first.</summary>
    public IEnumerable<string> TextsTo(TeamsUser user) => Connector.Calls
        .Where(c => c.ConversationId == user.ConversationId).Select(c => c.Body["text"]?.GetValue<string>()).OfType<string>();

    /// <summary>The newest card of any kind posted or PUT into <paramref name="user"/>'s chat.</summary>
    public JsonObject? LatestCardTo(TeamsUser user) =>
        Connector.Cards().Where(c => c.Call.ConversationId == user.ConversationId).Select(c => c.Card).LastOrDefault();

    public Task<string> StateAsync(long caseId) => Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId });

    /// <summary>The newest card content posted or PUT into <paramref name="user"/>'s chat for the case.</summary>
    public JsonObject? LatestCard(TeamsUser user, long caseId) => Connector.Cards()
        .Where(c => c.Call.ConversationId == user.ConversationId && JsonText.Of(c.Card).Contains($"Case #{caseId} "))
        .Select(c => c.Card).LastOrDefault();

    public static IEnumerable<string> Verbs(JsonObject? card) => card is null ? [] : JsonNodes(card)
        .Where(n => n["type"]?.GetValue<string>() == "Action.Execute").Select(n => n["verb"]!.GetValue<string>()).Where(v => v != CardVerbs.Refresh);

    private static IEnumerable<JsonObject> JsonNodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => JsonNodes(p.Value))),
        JsonArray a => a.SelectMany(JsonNodes),
        _ => [],
    };

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
