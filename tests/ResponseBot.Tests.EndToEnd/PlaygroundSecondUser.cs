using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponseBot.Cards;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// Megan Bowen (user-id-1), a second Teams user, acting through the playground's
/// POST /_internal/v1/customActivities, which forwards an activity verbatim to the bot.
/// </summary>
public sealed class PlaygroundSecondUser(Uri playground, JsonObject config)
{
    public const string AadObjectId = "00000000-0000-0000-0000-0000000000021";
    public const string Name = "Megan Bowen";
    private readonly HttpClient _http = new() { BaseAddress = playground };

    public static async Task<PlaygroundSecondUser> ConnectAsync(Uri playground)
    {
        using var http = new HttpClient { BaseAddress = playground };
        var config = (await http.GetFromJsonAsync<JsonObject>("_internal/v1/config"))!["config"]!.AsObject();
        return new PlaygroundSecondUser(playground, config);
    }

    private string Tenant => config["tenantId"]!.GetValue<string>();

    private JsonObject Activity(string type, string conversationId, string conversationType) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = $"http://localhost:{playground.Port}/_connector",
        ["from"] = new JsonObject { ["id"] = "user-id-1", ["name"] = Name, ["aadObjectId"] = AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = config["bot"]!["id"]!.GetValue<string>(), ["name"] = config["bot"]!["name"]!.GetValue<string>() },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    /// <summary>Says something to the bot in the group chat (so the bot learns how to reach her).</summary>
    public Task SayInGroupChatAsync(string text)
    {
        var a = Activity("message", config["groupChats"]![0]!["id"]!.GetValue<string>(), "groupChat");
        a["text"] = $"<at>{config["bot"]!["name"]!.GetValue<string>()}</at> {text}";
        return SendAsync(a);
    }

    /// <summary>Presses a card button in her own 1:1 chat with the bot.</summary>
    public Task ClickAsync(string conversationId, string verb, long caseId, int version, JsonObject? inputs = null)
    {
        var data = inputs?.DeepClone().AsObject() ?? new JsonObject();
        data[CardVerbs.CaseIdKey] = caseId;
        data[CardVerbs.VersionKey] = version;
        var a = Activity("invoke", conversationId, "personal");
        a["name"] = "adaptiveCard/action";
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        return SendAsync(a);
    }

    private async Task SendAsync(JsonObject activity) =>
        (await _http.PostAsJsonAsync("_internal/v1/customActivities", activity)).EnsureSuccessStatusCode();
}
