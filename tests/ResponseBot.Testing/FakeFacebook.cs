using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>
/// The Graph API of one Facebook Page, as Meta documents it, plus Meta's side of the Page's webhook. Built from the documented
/// shapes and examples: Graph API → Comment (reference/comment: reading with fields, updating is_hidden → {"success": true}),
/// Object → Comments edge (reference/object/comments: filter=toplevel|stream, order, cursor paging; publishing with message →
/// {"id"}), Pages API → Comments and Publishing (docs/pages-api), Handling Errors (graph-api/guides/error-handling: the error
/// object, 190/463 expired token, 100/33 no such object, 2 transient), Rate Limits (graph-api/overview/rate-limiting:
/// X-App-Usage, X-Business-Use-Case-Usage with estimated_time_to_regain_access in minutes), and Webhooks → Getting Started and
/// Webhooks for Pages (graph-api/webhooks: X-Hub-Signature-256 over the raw body, object "page", entry[].changes[] of the feed
/// field). Every Graph request is recorded; faults are scripted.
/// </summary>
public sealed partial class FakeFacebook : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Form,
        DateTimeOffset At);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private long _next = 1_000_000_000_000_000;

    public Uri BaseUrl { get; private set; } = null!;
    public string PageId { get; } = "104512345678901";
    public string PageName { get; } = "Example Council";
    public string Token { get; set; } = "EAAPageAccessTokenOfTheCouncil0123456789";
    public string AppSecret { get; } = "meta-app-secret-0123456789abcdef";
    public string VerifyToken { get; } = "verify-token-for-the-council-page";
    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Comments the Page posted through the API, oldest first.</summary>
    public ConcurrentQueue<JsonObject> Posted { get; } = new();

    /// <summary>Return a result to answer a request with it instead (after the token check).</summary>
    public Func<Request, IResult?>? Fault { get; set; }

    /// <summary>This many comment POSTs are stored at once but answered only after <see cref="SlowBy"/> (after the client gave up).</summary>
    public int SlowAccepts { get => _late.Count; set => _late.Count = value; }
    public TimeSpan SlowBy { get => _late.By; set => _late.By = value; }
    private readonly LateAnswers _late = new();

    private FakeFacebook(WebApplication app) => _app = app;

    public static async Task<FakeFacebook> StartAsync()
    {
        FakeFacebook fake = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            fake = new FakeFacebook(app);
            app.MapGet("/{version}/{id}", (string id, HttpContext http) => fake.Guard(http, null) ?? fake.Read(id, http.Request.Query["fields"]));
            app.MapPost("/{version}/{id}", async (string id, HttpContext http) =>
            {
                var form = await FormAsync(http);
                return fake.Guard(http, form) ?? fake.Update(id, form);
            });
            app.MapGet("/{version}/{id}/comments", (string id, HttpContext http) => fake.Guard(http, null) ?? fake.Comments(id, http.Request.Query));
            app.MapPost("/{version}/{id}/comments", async (string id, HttpContext http) =>
            {
                var form = await FormAsync(http);
                return fake.Guard(http, form) ?? await fake.ReplyAsync(id, form);
            });
        });
        fake.BaseUrl = baseUrl;
        return fake;
    }

    /// <summary>The Page publishes a post (residents then comment on it).</summary>
    public JsonObject PagePost(string message) => Store($"{PageId}_{Next()}", null, message, Page);

    /// <summary>A resident posts on the Page (a visitor post: item "status" in the feed).</summary>
    public JsonObject VisitorPost(string name, string message, string? userId = null) => Store($"{PageId}_{Next()}", null, message, User(name, userId));

    /// <summary>A resident (or, with <paramref name="asPage"/>, the Page) comments on a post or replies to a comment.</summary>
    public JsonObject Comment(string onId, string name, string message, string? userId = null, bool asPage = false)
    {
        var on = _objects[onId];
        var postNumber = Number(PostOf(on));
        return Store($"{postNumber}_{Next()}", onId, message, asPage ? Page : User(name, userId));
    }

    public JsonObject? Find(string id) => _objects.TryGetValue(id, out var o) ? o.DeepClone().AsObject() : null;

    /// <summary>The author deletes it: Graph no longer has it.</summary>
    public void Delete(string id) => _objects.TryRemove(id, out _);

    /// <summary>The object's permalink_url, as Graph gives it.</summary>
    public string PermalinkOf(string id) => Permalink(_objects[id]).GetValue<string>();

    public bool IsHidden(string id) => _objects.TryGetValue(id, out var o) && (bool?)o["is_hidden"] == true;

    private IResult? Guard(HttpContext http, IReadOnlyDictionary<string, string>? form)
    {
        var request = new Request(http.Request.Method, http.Request.Path, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            form ?? new Dictionary<string, string>(), DateTimeOffset.UtcNow);
        Requests.Enqueue(request);
        if (http.Request.Headers.Authorization.FirstOrDefault() != $"Bearer {Token}") return InvalidToken();
        return Fault?.Invoke(request);
    }

    private static async Task<IReadOnlyDictionary<string, string>> FormAsync(HttpContext http) =>
        http.Request.HasFormContentType ? (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString()) : new Dictionary<string, string>();

    // GET /{id}?fields=a,b: the object with just those fields (and its id), as Graph answers.
    private IResult Read(string id, string? fields)
    {
        if (!_objects.TryGetValue(id, out var o)) return NoSuchObject(id, "get");
        var answer = new JsonObject { ["id"] = id };
        foreach (var field in (fields ?? "message,from,created_time").Split(',', StringSplitOptions.RemoveEmptyEntries))
            answer[field] = field == "permalink_url" ? Permalink(o) : o[field]?.DeepClone();
        return Results.Json(answer);
    }

    // POST /{comment-id} with is_hidden: {"success": true}; hiding what is hidden succeeds.
    private IResult Update(string id, IReadOnlyDictionary<string, string> form)
    {
        if (!_objects.TryGetValue(id, out var o)) return NoSuchObject(id, "post");
        if (form.TryGetValue("is_hidden", out var hidden)) o["is_hidden"] = hidden == "true";
        return Results.Json(new JsonObject { ["success"] = true });
    }

    // GET /{id}/comments: filter=toplevel (default) is the direct replies; stream is every comment below, flattened.
    private IResult Comments(string id, IQueryCollection q)
    {
        if (!_objects.ContainsKey(id)) return NoSuchObject(id, "get");
        var stream = q["filter"] == "stream";
        var all = _objects.Values.Where(c => (string?)c["parent"] == id || (stream && Below(c, id)))
            .OrderBy(c => long.Parse(Number((string)c["id"]!))).ToList();
        if (q["order"] == "reverse_chronological") all.Reverse();
        var limit = Math.Clamp(int.TryParse(q["limit"], out var l) ? l : 25, 1, 100);
        var start = q["after"].FirstOrDefault() is { } after && after.StartsWith("cursor-") ? int.Parse(after[7..]) : 0;
        var page = all.Skip(start).Take(limit).ToList();
        var fields = (q["fields"].FirstOrDefault() ?? "id,message,from,created_time").Split(',');
        var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = $"cursor-{start}", ["after"] = $"cursor-{start + page.Count}" } };
        if (start + page.Count < all.Count)
            paging["next"] = $"{BaseUrl}v24.0/{id}/comments?limit={limit}&after=cursor-{start + page.Count}";
        return Results.Json(new JsonObject
        {
            ["data"] = new JsonArray([.. page.Select(c => (JsonNode)new JsonObject(fields.Where(c.ContainsKey).Select(f => KeyValuePair.Create(f, c[f]?.DeepClone()))))]),
            ["paging"] = paging,
        });
    }

    // POST /{id}/comments with message: the Page's comment, answered {"id": …} — or, for a slow accept, stored now and answered late.
    private async Task<IResult> ReplyAsync(string id, IReadOnlyDictionary<string, string> form)
    {
        if (!_objects.ContainsKey(id)) return NoSuchObject(id, "post");
        if (form.GetValueOrDefault("message") is not { Length: > 0 } message)
            return new JsonAnswer(400, ErrorBody("(#100) Missing message or attachment", "OAuthException", 100));
        var comment = Comment(id, PageName, message, asPage: true);
        Posted.Enqueue(comment);
        await _late.AfterStoredAsync();
        return Results.Json(new JsonObject { ["id"] = comment["id"]!.DeepClone() });
    }
}
