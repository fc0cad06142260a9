using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>
/// The objects and answers as X's documentation shows them: a Post (data-dictionary/object-model/tweet: id, text,
/// edit_history_tweet_ids, author_id, created_at, conversation_id, in_reply_to_user_id, referenced_tweets, entities), a User
/// (id, name, username), timeline pages and the error bodies.
/// </summary>
public sealed partial class FakeX
{
    private static readonly HashSet<string> DefaultTweetFields = ["id", "text", "edit_history_tweet_ids"];

    /// <summary>An X user, made once per username.</summary>
    public JsonObject User(string username, string name)
    {
        var existing = _users.Values.FirstOrDefault(u => string.Equals((string)u["username"]!, username, StringComparison.OrdinalIgnoreCase));
        if (existing is not null) return existing;
        var id = (2244994945 + _users.Count * 7919L).ToString();
        return _users[id] = new JsonObject { ["id"] = id, ["name"] = name, ["username"] = username, ["created_at"] = "2013-12-14T04:35:55.000Z" };
    }

    private string Store(JsonObject author, string text, string? inReplyTo, (string Url, string Expanded)[] links)
    {
        var id = Interlocked.Add(ref _nextId, 4_194_304).ToString();                 // snowflakes: time in the high bits
        var parent = inReplyTo is null ? null : _tweets[inReplyTo];
        var tweet = new JsonObject
        {
            ["id"] = id, ["text"] = text, ["edit_history_tweet_ids"] = new JsonArray(id), ["author_id"] = (string)author["id"]!,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            ["conversation_id"] = parent is null ? id : (string)parent["conversation_id"]!,
        };
        if (parent is not null)
        {
            tweet["in_reply_to_user_id"] = (string)parent["author_id"]!;
            tweet["referenced_tweets"] = new JsonArray(new JsonObject { ["type"] = "replied_to", ["id"] = inReplyTo });
        }
        if (links.Length > 0)
            tweet["entities"] = new JsonObject
            {
                ["urls"] = new JsonArray([.. links.Select(l => (JsonNode)new JsonObject
                {
                    ["start"] = text.IndexOf(l.Url, StringComparison.Ordinal), ["end"] = text.IndexOf(l.Url, StringComparison.Ordinal) + l.Url.Length,
                    ["url"] = l.Url, ["expanded_url"] = l.Expanded, ["display_url"] = l.Expanded.Replace("https://", ""),
                })]),
            };
        _tweets[id] = tweet;
        return id;
    }

    // A mention names the account, or replies to it.
    private bool Mentions(JsonObject tweet, string userId) =>
        (string?)tweet["in_reply_to_user_id"] == userId
        || (_users.GetValueOrDefault(userId)?["username"] is { } name && ((string)tweet["text"]!).Contains("@" + (string)name!, StringComparison.OrdinalIgnoreCase));

    // Newest first, bounded by since_id / until_id; a page of max_results (5–100) and a next_token to the older ones.
    private IResult Timeline(HttpContext http, Func<JsonObject, bool> which)
    {
        var q = http.Request.Query;
        var max = q["max_results"].Count == 0 ? 10 : int.TryParse(q["max_results"], out var m) ? m : -1;
        if (max is < 5 or > 100)
            return InvalidRequest($"The `max_results` query parameter value [{q["max_results"]}] is not between 5 and 100");
        string? below = null;
        if (q["pagination_token"].FirstOrDefault() is { } token && !_pages.TryGetValue(token, out below))
            return InvalidRequest($"The `pagination_token` query parameter value [{token}] is not valid");
        var all = _tweets.Values.Where(which)
            .Where(t => q["since_id"].FirstOrDefault() is not { } since || Id(t) > long.Parse(since))
            .Where(t => q["until_id"].FirstOrDefault() is not { } until || Id(t) < long.Parse(until))
            .Where(t => below is null || Id(t) < long.Parse(below))
            .OrderByDescending(Id).ToList();
        var page = all.Take(max).ToList();
        var meta = new JsonObject { ["result_count"] = page.Count };
        if (page.Count == 0) return Results.Json(new JsonObject { ["meta"] = meta });
        meta["newest_id"] = (string)page[0]["id"]!;
        meta["oldest_id"] = (string)page[^1]["id"]!;
        if (all.Count > page.Count)
        {
            var next = Opaque("page").ToLowerInvariant()[..26];
            _pages[next] = (string)page[^1]["id"]!;
            meta["next_token"] = next;
        }
        var fields = Fields(q["tweet.fields"]);
        var expansions = Fields(q["expansions"]);
        var referenced = page.SelectMany(t => (t["referenced_tweets"] as JsonArray ?? []).Select(r => (string)r!["id"]!))
            .Distinct().Select(_tweets.GetValueOrDefault).OfType<JsonObject>().ToList();
        var users = new List<string>();
        if (expansions.Contains("author_id")) users.AddRange(page.Select(t => (string)t["author_id"]!));
        if (expansions.Contains("referenced_tweets.id.author_id")) users.AddRange(referenced.Select(t => (string)t["author_id"]!));
        var includes = new JsonObject();
        if (users.Count > 0)
            includes["users"] = new JsonArray([.. users.Distinct().Select(u => (JsonNode)Shape(_users[u], Fields(q["user.fields"]), ["id", "name", "username"]))]);
        if (expansions.Contains("referenced_tweets.id") && referenced.Count > 0)
            includes["tweets"] = new JsonArray([.. referenced.Select(t => (JsonNode)Shape(t, fields, DefaultTweetFields))]);
        var body = new JsonObject { ["data"] = new JsonArray([.. page.Select(t => (JsonNode)Shape(t, fields, DefaultTweetFields))]) };
        if (includes.Count > 0) body["includes"] = includes;
        body["meta"] = meta;
        return Results.Json(body);
    }

    // Only the fields asked for (and the defaults); text escaped as X escapes it.
    private static JsonObject Shape(JsonObject item, HashSet<string> fields, HashSet<string> defaults)
    {
        var shaped = new JsonObject();
        foreach (var (key, value) in item)
            if (value is not null && (defaults.Contains(key) || fields.Contains(key)))
                shaped[key] = key == "text" ? Escape((string)value!) : value.DeepClone();
        return shaped;
    }

    private static HashSet<string> Fields(Microsoft.Extensions.Primitives.StringValues value) =>
        [.. value.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static long Id(JsonObject t) => long.Parse((string)t["id"]!);

    // X's API returns post text with &, < and > HTML-escaped.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>401 as X answers an expired or revoked access token.</summary>
    public static IResult Unauthorized() => Problem(401, "Unauthorized", "Unauthorized");

    /// <summary>503 as X answers when over capacity.</summary>
    public static IResult Unavailable() => Problem(503, "Service Unavailable", "Service Unavailable");

    public static IResult Problem(int status, string title, string detail) => Results.Json(new JsonObject
    {
        ["title"] = title, ["detail"] = detail, ["type"] = "about:blank", ["status"] = status,
    }, statusCode: status);

    private static IResult InvalidRequest(string message) => Results.Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject { ["parameters"] = new JsonObject(), ["message"] = message }),
        ["title"] = "Invalid Request", ["detail"] = "One or more parameters to your request was invalid.",
        ["type"] = "https://api.twitter.com/2/problems/invalid-request",
    }, statusCode: 400);

    // The token endpoint answers in OAuth 2.0's own shape (RFC 6749 §5.2).
    private static IResult OAuthError(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode: status);

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
