using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>
/// A Mastodon instance stand-in speaking the REST shapes of docs.joinmastodon.org (mastodon/documentation): notifications with
/// types[], since_id / min_id / max_id and Link headers (methods/notifications.md, api/guidelines.md#pagination), statuses
/// with Idempotency-Key (methods/statuses.md), /api/v2/instance (methods/instance.md), errors as {"error": "…"}
/// (entities/Error.md) and 429 with X-RateLimit-* (api/rate-limits.md). Every request is recorded; faults are scripted.
/// </summary>
public sealed partial class FakeMastodon : IAsyncDisposable
{
    public sealed record Request(string Method, string PathAndQuery, DateTimeOffset At, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form);

    private readonly WebApplication _app;
    private readonly List<JsonObject> _notifications = [];
    private readonly ConcurrentDictionary<string, JsonObject> _statuses = new();
    private readonly ConcurrentDictionary<string, (JsonObject Status, DateTimeOffset At)> _idempotency = new();
    private long _nextStatus = 103186126728896492;
    private long _nextNotification = 34975861;

    public Uri BaseUrl { get; private set; } = null!;
    public string Token { get; set; } = "token-of-the-council-account";
    public int MaxCharacters { get; set; } = 500;
    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Statuses our account posted, oldest first (a repeat with a known Idempotency-Key is not a new one).</summary>
    public ConcurrentQueue<JsonObject> Posted { get; } = new();

    /// <summary>Return a result to answer a request with it instead (after the token check).</summary>
    public Func<Request, IResult?>? Fault { get; set; }

    /// <summary>This many POST /api/v1/statuses are accepted (the status is created) but answered only after <see cref="SlowBy"/>.</summary>
    public int SlowAccepts { get => _late.Count; set => _late.Count = value; }
    public TimeSpan SlowBy { get => _late.By; set => _late.By = value; }
    private readonly LateAnswers _late = new();

    public JsonObject Us { get; } = Account("council", "Example Council");

    private FakeMastodon(WebApplication app) => _app = app;

    public static async Task<FakeMastodon> StartAsync()
    {
        FakeMastodon fake = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            fake = new FakeMastodon(app);
            app.MapGet("/api/v1/notifications", (HttpContext http) => fake.Guard(http, null) ?? fake.Notifications(http));
            app.MapGet("/api/v1/statuses/{id}", (string id, HttpContext http) => fake.Guard(http, null)
                ?? (fake._statuses.TryGetValue(id, out var s) ? Results.Json(s) : Error(404, "Record not found")));
            app.MapPost("/api/v1/statuses", async (HttpContext http) =>
            {
                var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
                return fake.Guard(http, form) ?? await fake.PostAsync(http, form);
            });
            app.MapGet("/api/v2/instance", (HttpContext http) => fake.Guard(http, null) ?? Results.Json(fake.Instance()));
        });
        fake.BaseUrl = baseUrl;
        return fake;
    }

    /// <summary>A resident mentions us: their status and our mention notification, as the instance would hold them.</summary>
    public JsonObject Mention(string acct, string displayName, string html, string visibility = "public", string? inReplyToId = null)
    {
        var author = Account(acct, displayName);
        var status = Status(author, html, visibility, inReplyToId, [Us]);
        lock (_notifications)
            _notifications.Add(new JsonObject
            {
                ["id"] = Interlocked.Increment(ref _nextNotification).ToString(), ["type"] = "mention",
                ["created_at"] = status["created_at"]!.DeepClone(), ["account"] = author.DeepClone(), ["status"] = status.DeepClone(),
            });
        return status;
    }

    /// <summary>Someone favourited one of our statuses: a notification that is not a mention.</summary>
    public void Favourite(string acct)
    {
        lock (_notifications)
            _notifications.Add(new JsonObject
            {
                ["id"] = Interlocked.Increment(ref _nextNotification).ToString(), ["type"] = "favourite",
                ["created_at"] = DateTimeOffset.UtcNow.ToString("O"), ["account"] = Account(acct, acct),
                ["status"] = Status(Us, "<p>Bin day moves to Tuesday.</p>", "public", null, []),
            });
    }

    public string? NotificationIdOf(string statusId)
    {
        lock (_notifications) return _notifications.LastOrDefault(n => (string?)n["status"]?["id"] == statusId)?["id"]?.GetValue<string>();
    }

    /// <summary>401 with the documented body (methods/notifications.md, methods/statuses.md).</summary>
    public static IResult InvalidToken() => Error(401, "The access token is invalid");

    /// <summary>429 as Mastodon throttles: X-RateLimit-Limit/-Remaining/-Reset (an ISO 8601 timestamp).</summary>
    public static IResult Throttled(DateTimeOffset reset) => new JsonAnswer(429, new JsonObject { ["error"] = "Too many requests" },
        ("X-RateLimit-Limit", "300"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ")));

    public static IResult Error(int status, string error) => new JsonAnswer(status, new JsonObject { ["error"] = error });

    private IResult? Guard(HttpContext http, IReadOnlyDictionary<string, string>? form)
    {
        var request = new Request(http.Request.Method, http.Request.Path + http.Request.QueryString, DateTimeOffset.UtcNow,
            http.Request.Headers["Idempotency-Key"].FirstOrDefault(), form ?? new Dictionary<string, string>());
        Requests.Enqueue(request);
        if (http.Request.Headers.Authorization.FirstOrDefault() != $"Bearer {Token}") return InvalidToken();
        return Fault?.Invoke(request);
    }

    // Newest first; since_id and max_id bound the page, min_id pages forward from a cursor (api/guidelines.md#pagination).
    private IResult Notifications(HttpContext http)
    {
        var q = http.Request.Query;
        var types = q["types[]"].OfType<string>().ToHashSet();
        var limit = Math.Clamp(int.TryParse(q["limit"], out var l) ? l : 40, 1, 80);
        List<JsonObject> all;
        lock (_notifications)
            all = _notifications.Where(n => types.Count == 0 || types.Contains((string)n["type"]!))
                .Where(n => q["max_id"].FirstOrDefault() is not { } max || Id(n) < long.Parse(max))
                .Where(n => q["since_id"].FirstOrDefault() is not { } since || Id(n) > long.Parse(since))
                .Where(n => q["min_id"].FirstOrDefault() is not { } min || Id(n) > long.Parse(min))
                .Select(n => n.DeepClone().AsObject()).ToList();
        var page = q["min_id"].Count > 0
            ? all.OrderBy(Id).Take(limit).OrderByDescending(Id).ToList()
            : all.OrderByDescending(Id).Take(limit).ToList();
        if (page.Count > 0)
        {
            var kinds = string.Concat(types.Select(t => $"&types[]={t}"));
            http.Response.Headers["Link"] =
                $"<{BaseUrl}api/v1/notifications?max_id={Id(page[^1])}{kinds}>; rel=\"next\", <{BaseUrl}api/v1/notifications?min_id={Id(page[0])}{kinds}>; rel=\"prev\"";
        }
        return Results.Json(new JsonArray([.. page]));
    }

    private async Task<IResult> PostAsync(HttpContext http, IReadOnlyDictionary<string, string> form)
    {
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        // Mastodon keeps a key for an hour and answers a repeat with the status it already made.
        if (key is not null && _idempotency.TryGetValue(key, out var seen) && DateTimeOffset.UtcNow - seen.At < TimeSpan.FromHours(1))
            return Results.Json(seen.Status);
        var text = form.GetValueOrDefault("status") ?? "";
        if (text.Trim().Length == 0) return Error(422, "Validation failed: Text can't be blank");
        if (new System.Globalization.StringInfo(text).LengthInTextElements > MaxCharacters)
            return Error(422, $"Validation failed: Text character limit of {MaxCharacters} exceeded");
        var replyTo = form.GetValueOrDefault("in_reply_to_id");
        if (replyTo is not null && !_statuses.ContainsKey(replyTo)) return Error(404, "Record not found");
        var status = Status(Us, $"<p>{WebUtility.HtmlEncode(text)}</p>", form.GetValueOrDefault("visibility") ?? "public", replyTo, []);
        status["text"] = text;                                                        // what was sent, for assertions
        if (key is not null) _idempotency[key] = (status, DateTimeOffset.UtcNow);
        Posted.Enqueue(status);
        await _late.AfterStoredAsync();
        return Results.Json(status);
    }
}
