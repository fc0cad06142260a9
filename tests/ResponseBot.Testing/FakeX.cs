using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>
/// An X API v2 stand-in speaking the shapes of docs.x.com: the user mention timeline and user post timeline (x-api/posts/
/// user-mention-timeline-by-user-id, posts/timelines/quickstart/user-mention-quickstart: data / includes / meta with newest_id,
/// oldest_id, result_count, next_token; since_id, until_id, pagination_token, max_results 5–100, tweet.fields, expansions,
/// user.fields), create post (x-api/posts/create-post: {"text", "reply": {"in_reply_to_tweet_id"}} → 201 {"data": {"id", "text"}}),
/// hide reply (x-api/posts/hide-reply: PUT {"hidden"} → {"data": {"hidden"}}, only in conversations the account started), the
/// OAuth 2.0 token endpoint with refresh_token grants that rotate the refresh token (fundamentals/authentication/oauth-2-0/
/// user-access-token), x-rate-limit-limit / -remaining / -reset on every answer and 429 when a window is spent
/// (fundamentals/rate-limits), and errors as problem JSON {"title", "detail", "type", "status"} (fundamentals/response-codes-and-errors).
/// Every request is recorded; faults are scripted.
/// </summary>
public sealed partial class FakeX : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, string PathAndQuery, DateTimeOffset At, JsonObject? Json, IReadOnlyDictionary<string, string> Form)
    {
        public int Status { get; set; }
    }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _tweets = new();
    private readonly ConcurrentDictionary<string, JsonObject> _users = new();
    private readonly ConcurrentDictionary<string, string> _pages = new();
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new();
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private long _nextId = 1346889436626259968;
    private int _issued;

    public Uri BaseUrl { get; private set; } = null!;
    public const string ClientId = "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ";
    public const string ClientSecret = "x-client-secret-of-the-council-app";
    public JsonObject Us { get; }
    public string UserId => (string)Us["id"]!;

    /// <summary>How long an access token lives (X: 2 hours).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The refresh token the account was authorised with (what an operator puts in Accounts:&lt;id&gt;:RefreshToken).</summary>
    public string InitialRefreshToken { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Every token X handed out (access and refresh), for checking none of them leaks.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    /// <summary>Tweets our account posted, oldest first (a refused duplicate is not a new one).</summary>
    public ConcurrentQueue<JsonObject> Posted { get; } = new();

    /// <summary>Return a result to answer a request with it instead (after the token check).</summary>
    public Func<Request, IResult?>? Fault { get; set; }

    /// <summary>This many POST /2/tweets are accepted (the tweet is created) but answered only after <see cref="SlowBy"/>.</summary>
    public int SlowAccepts { get => _slowAccepts; set => _slowAccepts = value; }
    private int _slowAccepts;
    public TimeSpan SlowBy { get; set; } = TimeSpan.FromSeconds(3);

    private FakeX(WebApplication app)
    {
        _app = app;
        Us = User("council", "Example Council");
        InitialRefreshToken = IssueRefreshToken();
    }

    public static async Task<FakeX> StartAsync()
    {
        FakeX fake = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            fake = new FakeX(app);
            app.Use(async (http, next) =>
            {
                await next();
                if (http.Items["request"] is Request r) r.Status = http.Response.StatusCode;
            });
            app.MapPost("/2/oauth2/token", async (HttpContext http) =>
            {
                var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
                fake.Record(http, null, form);
                return fake.Limited(http, "oauth2") ?? fake.Token(http, form);
            });
            app.MapGet("/2/users/{id}/mentions", (string id, HttpContext http) =>
                fake.Guard(http, null, "mentions") ?? fake.Timeline(http, t => (string?)t["author_id"] != id && fake.Mentions(t, id)));
            app.MapGet("/2/users/{id}/tweets", (string id, HttpContext http) =>
                fake.Guard(http, null, "tweets") ?? fake.Timeline(http, t => (string?)t["author_id"] == id));
            app.MapPost("/2/tweets", async (HttpContext http) =>
            {
                var json = await ReadJsonAsync(http);
                return fake.Guard(http, json, "create") ?? await fake.CreateAsync(json);
            });
            app.MapPut("/2/tweets/{id}/hidden", async (string id, HttpContext http) =>
            {
                var json = await ReadJsonAsync(http);
                return fake.Guard(http, json, "hide") ?? fake.Hide(id, json);
            });
        });
        fake.BaseUrl = baseUrl;
        return fake;
    }

    /// <summary>A resident (or anyone) posts; with <paramref name="inReplyTo"/>, a reply in that tweet's conversation.</summary>
    public string Post(string username, string name, string text, string? inReplyTo = null, params (string Url, string Expanded)[] links) =>
        Store(User(username, name), text, inReplyTo, links);

    /// <summary>Our account posts (not through the bot: something staff wrote on X itself).</summary>
    public string OurPost(string text) => Store(Us, text, null, []);

    public JsonObject? Tweet(string id) => _tweets.GetValueOrDefault(id);

    public bool IsHidden(string id) => _tweets.TryGetValue(id, out var t) && (bool?)t["hidden"] == true;

    /// <summary>The operator re-authorises the account: a new refresh token, as the authorization code exchange gives one.</summary>
    public string IssueRefreshToken()
    {
        var token = Opaque("rt");
        _refreshTokens[token] = 0;
        IssuedTokens.Enqueue(token);
        return token;
    }

    /// <summary>The account's owner revokes the app: every refresh and access token stops working.</summary>
    public void Revoke()
    {
        _refreshTokens.Clear();
        _accessTokens.Clear();
    }

    /// <summary>Every access token issued so far has expired (X answers 401 to it).</summary>
    public void ExpireAccessTokens()
    {
        foreach (var token in _accessTokens.Keys) _accessTokens[token] = DateTimeOffset.UtcNow.AddSeconds(-1);
    }

    /// <summary>Sets an endpoint's window ("mentions", "tweets", "create", "hide"): calls left and when it resets.</summary>
    public void RateLimit(string endpoint, int remaining, DateTimeOffset reset) =>
        _buckets[endpoint] = new Bucket(Limits[endpoint]) { Remaining = remaining, Reset = reset };

    // Per user per 15 minutes, as X's rate-limit tables give them.
    private static readonly Dictionary<string, int> Limits = new() { ["oauth2"] = 1000, ["mentions"] = 300, ["tweets"] = 900, ["create"] = 100, ["hide"] = 50 };

    public IEnumerable<Request> To(string path) => Requests.Where(r => r.Path.StartsWith(path, StringComparison.Ordinal));

    private Request Record(HttpContext http, JsonObject? json, IReadOnlyDictionary<string, string>? form)
    {
        var request = new Request(http.Request.Method, http.Request.Path, http.Request.Path + http.Request.QueryString, DateTimeOffset.UtcNow, json,
            form ?? new Dictionary<string, string>());
        http.Items["request"] = request;
        Requests.Enqueue(request);
        return request;
    }

    // The bearer must be a live access token; then the endpoint's rate-limit window, then any scripted fault.
    private IResult? Guard(HttpContext http, JsonObject? json, string endpoint)
    {
        var request = Record(http, json, null);
        var bearer = http.Request.Headers.Authorization.FirstOrDefault() is { } h && h.StartsWith("Bearer ") ? h[7..] : null;
        if (bearer is null || !_accessTokens.TryGetValue(bearer, out var expires) || expires <= DateTimeOffset.UtcNow) return Unauthorized();
        return Limited(http, endpoint) ?? Fault?.Invoke(request);
    }

    private IResult? Limited(HttpContext http, string endpoint)
    {
        var bucket = _buckets.GetOrAdd(endpoint, e => new Bucket(Limits[e]));
        lock (bucket)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= bucket.Reset) (bucket.Remaining, bucket.Reset) = (bucket.Limit, DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(15).ToUnixTimeSeconds()));
            var spent = bucket.Remaining == 0;
            if (!spent) bucket.Remaining--;
            http.Response.Headers["x-rate-limit-limit"] = bucket.Limit.ToString();
            http.Response.Headers["x-rate-limit-remaining"] = bucket.Remaining.ToString();
            http.Response.Headers["x-rate-limit-reset"] = bucket.Reset.ToUnixTimeSeconds().ToString();
            return spent ? Problem(429, "Too Many Requests", "Too Many Requests") : null;
        }
    }

    private IResult Token(HttpContext http, IReadOnlyDictionary<string, string> form)
    {
        // A confidential client authenticates with Basic base64(client id:client secret).
        var basic = http.Request.Headers.Authorization.FirstOrDefault() is { } h && h.StartsWith("Basic ")
            ? Encoding.UTF8.GetString(Convert.FromBase64String(h[6..])) : null;
        if (basic != $"{ClientId}:{ClientSecret}")
            return OAuthError(401, "unauthorized_client", "Missing valid authorization header");
        if (form.GetValueOrDefault("grant_type") != "refresh_token")
            return OAuthError(400, "unsupported_grant_type", "Grant type is not supported");
        if (form.GetValueOrDefault("refresh_token") is not { } presented || !_refreshTokens.TryRemove(presented, out _))
            return OAuthError(400, "invalid_request", "Value passed for the token was invalid.");
        var access = Opaque("at");
        _accessTokens[access] = DateTimeOffset.UtcNow + AccessTokenLifetime;
        IssuedTokens.Enqueue(access);
        return Results.Json(new JsonObject
        {
            ["token_type"] = "bearer", ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds, ["access_token"] = access,
            ["scope"] = "tweet.read tweet.write users.read tweet.moderate.write offline.access", ["refresh_token"] = IssueRefreshToken(),
        });
    }

    private async Task<IResult> CreateAsync(JsonObject? json)
    {
        var text = (string?)json?["text"];
        if (string.IsNullOrWhiteSpace(text)) return InvalidRequest("text is required");
        if (text.EnumerateRunes().Count() > 280) return Problem(403, "Forbidden", "Your Tweet text is too long.");
        var replyTo = (string?)json?["reply"]?["in_reply_to_tweet_id"];
        if (replyTo is not null && !_tweets.ContainsKey(replyTo)) return InvalidRequest("in_reply_to_tweet_id: the post doesn't exist");
        // X refuses the same text from the same account again (what a send retried after it had gone through runs into).
        if (_tweets.Values.Any(t => (string?)t["author_id"] == UserId && (string?)t["text"] == text))
            return Problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
        var id = Store(Us, text, replyTo, []);
        Posted.Enqueue(_tweets[id].DeepClone().AsObject());
        if (Interlocked.Decrement(ref _slowAccepts) >= 0) await Task.Delay(SlowBy);
        else Interlocked.Exchange(ref _slowAccepts, 0);
        return Results.Json(new JsonObject { ["data"] = new JsonObject { ["id"] = id, ["text"] = Escape(text), ["edit_history_tweet_ids"] = new JsonArray(id) } },
            statusCode: 201);
    }

    private IResult Hide(string id, JsonObject? json)
    {
        if (json?["hidden"] is not JsonValue v || !v.TryGetValue<bool>(out var hidden)) return InvalidRequest("hidden is required");
        if (!_tweets.TryGetValue(id, out var tweet)) return Problem(404, "Not Found Error", $"Could not find tweet with id: [{id}].");
        // Only replies in a conversation the account started can be hidden by it.
        var root = _tweets.GetValueOrDefault((string)tweet["conversation_id"]!);
        if ((string)tweet["conversation_id"]! == id || (string?)root?["author_id"] != UserId)
            return Problem(403, "Forbidden", "You are not permitted to hide or unhide this reply.");
        tweet["hidden"] = hidden;
        return Results.Json(new JsonObject { ["data"] = new JsonObject { ["hidden"] = hidden } });
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpContext http)
    {
        try { return await JsonNode.ParseAsync(http.Request.Body) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private string Opaque(string kind) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}{Interlocked.Increment(ref _issued)}:{Guid.NewGuid():N}")).TrimEnd('=');

    private sealed class Bucket(int limit)
    {
        public int Limit { get; } = limit;
        public int Remaining { get; set; } = limit;
        public DateTimeOffset Reset { get; set; } = DateTimeOffset.MinValue;
    }
}
