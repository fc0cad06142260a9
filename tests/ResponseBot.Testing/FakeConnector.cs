using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResponseBot.Testing;

/// <summary>A Bot Connector stand-in speaking the v3 REST shapes, recording every call, with fault hooks.</summary>
public sealed class FakeConnector : IAsyncDisposable
{
    public sealed record Call(string Method, string ConversationId, string? ActivityId, JsonObject Body, DateTimeOffset At)
    {
        public string? Authorization { get; init; }
    }

    private readonly WebApplication _app;
    private int _nextId = 1000;

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Return a result to fail a call instead of accepting it.</summary>
    public Func<Call, IResult?>? Fault { get; set; }

    public Uri ServiceUrl { get; private set; } = null!;

    private FakeConnector(WebApplication app) => _app = app;

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.MapPost("/v3/conversations", async (HttpContext http) =>
        {
            var body = await ReadAsync(http);
            var member = body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
            return fake.Record(new Call("CREATE", "", null, body, DateTimeOffset.UtcNow) { Authorization = Auth(http) }) ?? Results.Json(new { id = $"a:1on1-{member}" }, statusCode: 201);
        });
        app.MapPost("/v3/conversations/{cid}/activities", async (string cid, HttpContext http) =>
            fake.Record(new Call("POST", cid, null, await ReadAsync(http), DateTimeOffset.UtcNow) { Authorization = Auth(http) })
            ?? Results.Json(new { id = Interlocked.Increment(ref fake._nextId).ToString() }, statusCode: 201));
        app.MapPut("/v3/conversations/{cid}/activities/{aid}", async (string cid, string aid, HttpContext http) =>
            fake.Record(new Call("PUT", cid, aid, await ReadAsync(http), DateTimeOffset.UtcNow) { Authorization = Auth(http) }) ?? Results.Json(new { id = aid }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ServiceUrl = new Uri(address + "/");
        return fake;
    }

    private IResult? Record(Call call)
    {
        if (Fault?.Invoke(call) is { } failure) return failure;
        Calls.Enqueue(call);
        return null;
    }

    /// <summary>Cards posted or updated, newest last.</summary>
    public IEnumerable<(Call Call, JsonObject Card)> Cards() =>
        Calls.Where(c => c.Body["attachments"] is JsonArray).Select(c => (c, c.Body["attachments"]![0]!["content"]!.AsObject()));

    public IEnumerable<string> Texts() => Calls.Select(c => c.Body["text"]?.GetValue<string>()).OfType<string>();

    private static string? Auth(HttpContext http) => http.Request.Headers.Authorization.FirstOrDefault();

    private static async Task<JsonObject> ReadAsync(HttpContext http) =>
        (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? new JsonObject();

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
