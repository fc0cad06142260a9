using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>The entities as the documentation's examples show them (entities/Status.md, Account.md, methods/instance.md).</summary>
public sealed partial class FakeMastodon
{
    private static long Id(JsonObject n) => long.Parse((string)n["id"]!);

    /// <summary>An account; "name@domain" is a remote one, whose profile lives on its own instance.</summary>
    public static JsonObject Account(string acct, string displayName)
    {
        var (user, domain) = acct.Split('@') is [var u, var d] ? (u, d) : (acct, "mastodon.example");
        return new JsonObject
        {
            ["id"] = Math.Abs(acct.GetHashCode() % 1_000_000).ToString(), ["username"] = user, ["acct"] = acct, ["display_name"] = displayName,
            ["locked"] = false, ["bot"] = false, ["url"] = $"https://{domain}/@{user}", ["note"] = "<p></p>",
        };
    }

    private JsonObject Status(JsonObject account, string html, string visibility, string? inReplyToId, JsonObject[] mentions)
    {
        var id = Interlocked.Increment(ref _nextStatus).ToString();
        var (user, domain) = ((string)account["username"]!, new Uri((string)account["url"]!).Host);
        var status = new JsonObject
        {
            ["id"] = id, ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            ["in_reply_to_id"] = inReplyToId, ["in_reply_to_account_id"] = inReplyToId is null ? null : (string?)_statuses.GetValueOrDefault(inReplyToId)?["account"]?["id"],
            ["sensitive"] = false, ["spoiler_text"] = "", ["visibility"] = visibility, ["language"] = "en",
            ["uri"] = $"https://{domain}/users/{user}/statuses/{id}", ["url"] = $"https://{domain}/@{user}/{id}",
            ["replies_count"] = 0, ["reblogs_count"] = 0, ["favourites_count"] = 0, ["content"] = html, ["reblog"] = null,
            ["account"] = account.DeepClone(), ["media_attachments"] = new JsonArray(),
            ["mentions"] = new JsonArray([.. mentions.Select(m => (JsonNode)new JsonObject
                { ["id"] = m["id"]!.DeepClone(), ["username"] = m["username"]!.DeepClone(), ["url"] = m["url"]!.DeepClone(), ["acct"] = m["acct"]!.DeepClone() })]),
            ["tags"] = new JsonArray(), ["emojis"] = new JsonArray(), ["card"] = null, ["poll"] = null,
        };
        _statuses[id] = status;
        return status.DeepClone().AsObject();
    }

    private JsonObject Instance() => new()
    {
        ["domain"] = BaseUrl.Authority, ["title"] = "Mastodon", ["version"] = "4.5.0", ["source_url"] = "https://github.com/mastodon/mastodon",
        ["languages"] = new JsonArray("en"),
        ["configuration"] = new JsonObject
        {
            ["accounts"] = new JsonObject { ["max_featured_tags"] = 10, ["max_pinned_statuses"] = 5 },
            ["statuses"] = new JsonObject { ["max_characters"] = MaxCharacters, ["max_media_attachments"] = 4, ["characters_reserved_per_url"] = 23 },
        },
    };

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
