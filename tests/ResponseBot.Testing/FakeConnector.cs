using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>A Bot Connector stand-in speaking the v3 REST shapes, recording every call, with fault hooks.</summary>
public sealed class FakeConnector : IAsyncDisposable
{
    public sealed record Call(string Method, string ConversationId, string? ActivityId, JsonObject Body, DateTimeOffset At)
    {
        public string? Authorization { get; init; }

        /// <summary>The size of the request body as sent, in bytes.</summary>
        public long Bytes { get; init; }
    }

    private readonly WebApplication _app;
    private int _nextId = 1000;

    /// <summary>Calls that were accepted.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Every call that arrived, including the ones <see cref="Fault"/> failed.</summary>
    public ConcurrentQueue<Call> Attempts { get; } = new();

    /// <summary>
    /// Messages bigger than this are refused with 413 MessageSizeTooBig, as Teams refuses a bot message over about 100 KB.
    /// Teams counts text as UTF-16; the body's bytes are a close stand-in for the JSON we send.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 100_000;

    /// <summary>When set, calls over Teams' throttling limits are answered 429 with Retry-After, as Teams does.</summary>
    public TeamsLimits? Limits { get; set; }

    /// <summary>Return a result to fail a call instead of accepting it.</summary>
    public Func<Call, IResult?>? Fault { get; set; }

    public Uri ServiceUrl { get; private set; } = null!;

    private FakeConnector(WebApplication app) => _app = app;

    public static async Task<FakeConnector> StartAsync()
    {
        FakeConnector fake = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            fake = new FakeConnector(app);
            // Teams counts a call when it arrives, before its body is read.
            app.Use((http, next) => { http.Items[ArrivedKey] = DateTimeOffset.UtcNow; return next(http); });
            app.MapPost("/v3/conversations", async (HttpContext http) =>
            {
                var body = await ReadAsync(http);
                var member = body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
                return fake.Record(new Call("CREATE", "", null, body, Arrived(http)) { Authorization = Auth(http), Bytes = Bytes(http) })
                    ?? Results.Json(new { id = $"a:1on1-{member}" }, statusCode: 201);
            });
            app.MapPost("/v3/conversations/{cid}/activities", async (string cid, HttpContext http) =>
                fake.Record(new Call("POST", cid, null, await ReadAsync(http), Arrived(http)) { Authorization = Auth(http), Bytes = Bytes(http) })
                ?? Results.Json(new { id = Interlocked.Increment(ref fake._nextId).ToString() }, statusCode: 201));
            app.MapPut("/v3/conversations/{cid}/activities/{aid}", async (string cid, string aid, HttpContext http) =>
                fake.Record(new Call("PUT", cid, aid, await ReadAsync(http), Arrived(http)) { Authorization = Auth(http), Bytes = Bytes(http) })
                ?? Results.Json(new { id = aid }));
            app.MapPost("/v3/conversations/{cid}/activities/{aid}", async (string cid, string aid, HttpContext http) =>
                fake.Record(new Call("REPLY", cid, aid, await ReadAsync(http), Arrived(http)) { Authorization = Auth(http), Bytes = Bytes(http) })
                ?? Results.Json(new { id = Interlocked.Increment(ref fake._nextId).ToString() }, statusCode: 201));
            app.MapDelete("/v3/conversations/{cid}/activities/{aid}", (string cid, string aid, HttpContext http) =>
                fake.Record(new Call("DELETE", cid, aid, new JsonObject(), Arrived(http)) { Authorization = Auth(http), Bytes = Bytes(http) }) ?? Results.Ok());
            app.MapGet("/v3/conversations/{cid}/members/{uid}", (string cid, string uid, HttpContext http) =>
                fake.Record(new Call("MEMBER", cid, uid, new JsonObject(), Arrived(http)) { Authorization = Auth(http), Bytes = Bytes(http) })
                ?? Results.Json(new { id = uid, name = "Megan Bowen", aadObjectId = "aad-megan", userPrincipalName = "meganb@example.com", email = "meganb@example.com", tenantId = "tenant-1" }));
        });
        fake.ServiceUrl = baseUrl;
        return fake;
    }

    private const string ArrivedKey = "arrived";

    private static DateTimeOffset Arrived(HttpContext http) => (DateTimeOffset)http.Items[ArrivedKey]!;

    private IResult? Record(Call call)
    {
        Attempts.Enqueue(call);
        if (call.Bytes > MaxMessageBytes) return Error(413, "MessageSizeTooBig");
        if (Fault?.Invoke(call) is { } failure) return failure;
        if (Limits is { } limits && call.Method is not "MEMBER" && !limits.TryAdmit(call.ConversationId is "" ? "(create)" : call.ConversationId, call.At))
            return Throttled(1);
        Calls.Enqueue(call);
        return null;
    }

    /// <summary>Cards posted or updated, newest last.</summary>
    public IEnumerable<(Call Call, JsonObject Card)> Cards() =>
        Calls.Where(c => c.Body["attachments"] is JsonArray).Select(c => (c, c.Body["attachments"]![0]!["content"]!.AsObject()));

    /// <summary>Case cards only (not the welcome, help, list or rota cards), newest last.</summary>
    public IEnumerable<(Call Call, JsonObject Card)> CaseCards() => Cards().Where(c => IsCaseCard(c.Call));

    /// <summary>Whether a call carries a case card (every case card names its case: "Case #42 · …").</summary>
    public static bool IsCaseCard(Call call) =>
        call.Body["attachments"] is JsonArray { Count: > 0 } a && JsonText.Of(a[0]!["content"]).Contains("Case #", StringComparison.Ordinal);

    public IEnumerable<string> Texts() => Calls.Select(c => c.Body["text"]?.GetValue<string>()).OfType<string>();

    /// <summary>429 with Retry-After, as Teams throttles.</summary>
    public static IResult Throttled(int retryAfterSeconds) => new StatusWithHeaders(429, ("Retry-After", retryAfterSeconds.ToString()));

    /// <summary>An error status with the connector's ErrorResponse body.</summary>
    public static IResult Error(int status, string code) =>
        Results.Json(new { error = new { code, message = code } }, statusCode: status);

    private sealed class StatusWithHeaders(int status, params (string Name, string Value)[] headers) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            foreach (var (name, value) in headers) http.Response.Headers[name] = value;
            return Task.CompletedTask;
        }
    }

    private static string? Auth(HttpContext http) => http.Request.Headers.Authorization.FirstOrDefault();

    private static async Task<JsonObject> ReadAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        http.Items[nameof(Call.Bytes)] = buffer.Length;
        return buffer.Length == 0 ? new JsonObject() : JsonNode.Parse(buffer.ToArray())?.AsObject() ?? new JsonObject();
    }

    private static long Bytes(HttpContext http) => http.Items[nameof(Call.Bytes)] as long? ?? 0;

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
