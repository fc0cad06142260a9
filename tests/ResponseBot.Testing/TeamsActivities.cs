using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ResponseBot.Testing;

/// <summary>Activities shaped like the ones Teams (and the Agents Playground) send, for a given user.</summary>
public sealed class TeamsUser(string aadObjectId, string name, string teamsId, Uri serviceUrl, string tenantId = "tenant-1")
{
    public const string BotId = "28:test-bot";

    public string AadObjectId { get; } = aadObjectId;
    public string Name { get; } = name;
    public string ConversationId { get; } = $"a:personal-{teamsId}";

    private JsonObject Base(string type) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl.ToString(),
        ["from"] = new JsonObject { ["id"] = teamsId, ["name"] = Name, ["aadObjectId"] = AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ResponseBot" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = tenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };

    public JsonObject Install()
    {
        var a = Base("installationUpdate");
        a["action"] = "add";
        return a;
    }

    public JsonObject Message(string text)
    {
        var a = Base("message");
        a["text"] = text;
        return a;
    }

    public JsonObject Execute(string verb, JsonObject data, string? replyToId = null)
    {
        var a = Base("invoke");
        a["name"] = "adaptiveCard/action";
        a["replyToId"] = replyToId;
        a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        return a;
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient bot, JsonObject activity) =>
        bot.PostAsJsonAsync("api/messages", activity);
}
