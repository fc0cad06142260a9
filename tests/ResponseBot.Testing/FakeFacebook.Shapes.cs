using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ResponseBot.Platforms.Facebook;

namespace ResponseBot.Testing;

/// <summary>Graph's objects, errors and webhook deliveries as Meta's documentation shows them.</summary>
public sealed partial class FakeFacebook
{
    private string Next() => Interlocked.Increment(ref _next).ToString();

    private JsonObject Page => new() { ["name"] = PageName, ["id"] = PageId };

    private static JsonObject User(string name, string? id) => new() { ["name"] = name, ["id"] = id ?? Math.Abs(name.GetHashCode() % 1_000_000_000L).ToString() };

    private JsonObject Store(string id, string? parent, string message, JsonObject from)
    {
        var o = new JsonObject
        {
            ["id"] = id, ["message"] = message, ["from"] = from, ["created_time"] = $"{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss}+0000",
            ["parent"] = parent, ["is_hidden"] = false,
        };
        _objects[id] = o;
        return o.DeepClone().AsObject();
    }

    private static string Number(string id) => id[(id.LastIndexOf('_') + 1)..];

    // The post a comment is under: up its parents to the object without one.
    private string PostOf(JsonObject o) => (string?)o["parent"] is { } parent && _objects.TryGetValue(parent, out var p) ? PostOf(p) : (string)o["id"]!;

    private bool Below(JsonObject c, string ancestor) =>
        (string?)c["parent"] is { } parent && (parent == ancestor || (_objects.TryGetValue(parent, out var p) && Below(p, ancestor)));

    private JsonNode Permalink(JsonObject o)
    {
        var post = PostOf(o);
        var link = $"https://www.facebook.com/{PageId}/posts/{Number(post)}";
        return (string)o["id"]! == post ? link : $"{link}?comment_id={Number((string)o["id"]!)}";
    }

    private static string Trace() => Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..11];

    public static JsonObject ErrorBody(string message, string type, int code, int? subcode = null, bool? transient = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (subcode is not null) error["error_subcode"] = subcode;
        if (transient is not null) error["is_transient"] = transient;
        error["fbtrace_id"] = Trace();
        return new JsonObject { ["error"] = error };
    }

    private static IResult NoSuchObject(string id, string method) => new JsonAnswer(400, ErrorBody(
        $"Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        "GraphMethodException", 100, 33));

    private static IResult InvalidToken() => new JsonAnswer(400, ErrorBody("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190),
        ("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token - Cannot parse access token\""));

    /// <summary>An expired Page token: 190 with subcode 463. Graph answers it with 400 on most calls and 401 on some; the code is what counts.</summary>
    public static IResult ExpiredToken(int status = 401) => new JsonAnswer(status, ErrorBody(
        "Error validating access token: Session has expired on Tuesday, 01-Dec-26 12:00:00 PST. The current time is Tuesday, 01-Dec-26 13:00:00 PST.",
        "OAuthException", 190, 463));

    /// <summary>Throttled (code 4, the app's limit, by default), with the usage headers saying when calls may resume.</summary>
    public IResult Throttled(int minutes, int code = 4, int status = 429) => new JsonAnswer(status,
        ErrorBody(code == 4 ? "(#4) Application request limit reached" : $"(#{code}) Calls to this api have exceeded the rate limit.", "OAuthException", code, transient: true),
        ("X-App-Usage", "{\"call_count\":100,\"total_cputime\":31,\"total_time\":44}"),
        ("X-Business-Use-Case-Usage",
            $"{{\"{PageId}\":[{{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":31,\"total_time\":44,\"estimated_time_to_regain_access\":{minutes}}}]}}"));

    /// <summary>Graph having a bad moment: 500 with the transient error (code 2).</summary>
    public static IResult ServerError() => new JsonAnswer(500,
        ErrorBody("An unexpected error has occurred. Please retry your request later.", "OAuthException", 2, transient: true));

    // ---- Meta's side of the webhook ----

    /// <summary>A delivery of feed changes for this Page (or <paramref name="pageId"/>), as Meta posts it.</summary>
    public JsonObject Delivery(IEnumerable<JsonObject> values, string? pageId = null) => new()
    {
        ["object"] = "page",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = pageId ?? PageId, ["time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["changes"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["field"] = "feed", ["value"] = v })]),
        }),
    };

    public JsonObject Delivery(params JsonObject[] values) => Delivery(values, null);

    /// <summary>A feed change for a comment: added, edited (with its new text) or removed.</summary>
    public JsonObject CommentChange(JsonObject comment, string verb = "add", string? message = null)
    {
        var id = (string)comment["id"]!;
        var post = _objects.TryGetValue(id, out var stored) ? PostOf(stored) : (string)comment["parent"]!;
        return new JsonObject
        {
            ["from"] = comment["from"]!.DeepClone(),
            ["post"] = new JsonObject { ["status_type"] = "added_photos", ["is_published"] = true, ["id"] = post },
            ["message"] = message ?? (string?)comment["message"], ["post_id"] = post, ["comment_id"] = id,
            ["created_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["item"] = "comment", ["parent_id"] = comment["parent"]!.DeepClone(),
            ["verb"] = verb,
        };
    }

    /// <summary>A feed change for a visitor post (item "status").</summary>
    public static JsonObject PostChange(JsonObject post, string verb = "add") => new()
    {
        ["from"] = post["from"]!.DeepClone(), ["message"] = (string?)post["message"], ["post_id"] = post["id"]!.DeepClone(),
        ["created_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["item"] = "status", ["published"] = 1, ["verb"] = verb,
    };

    /// <summary>The body as Meta sends it (non-ASCII text escaped) and its X-Hub-Signature-256 under <paramref name="secret"/>.</summary>
    public (byte[] Body, string Signature) Signed(JsonObject delivery, string? secret = null)
    {
        var body = Encoding.UTF8.GetBytes(delivery.ToJsonString());
        return (body, FacebookSignature.Sign(secret ?? AppSecret, body));
    }

    /// <summary>Posts a delivery to the bot: signed with the app secret, or another secret (forged), or a given header, or none.</summary>
    public Task<HttpResponseMessage> DeliverAsync(HttpClient bot, JsonObject delivery, string? secret = null, string? signature = null, bool unsigned = false)
    {
        var (body, signed) = Signed(delivery, secret);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/facebook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!unsigned) request.Headers.Add(FacebookSignature.Header, signature ?? signed);
        return bot.SendAsync(request);
    }

    /// <summary>A delivery signed with a secret that isn't the app's: what a forger (or a rotated secret) produces.</summary>
    public Task<HttpResponseMessage> DeliverForgedAsync(HttpClient bot, JsonObject delivery) =>
        DeliverAsync(bot, delivery, secret: "not-the-app-secret-" + Guid.NewGuid());

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
