using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Testing;

/// <summary>A generic account's ReplyUrl: checks our signature like a real receiver and records what arrived.</summary>
public sealed class FakeReplyReceiver : IAsyncDisposable
{
    public sealed record Reply(string InReplyTo, string Text, long CaseId, string? IdempotencyKey, DateTimeOffset At);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly string _secret;

    public ConcurrentQueue<Reply> Received { get; } = new();
    public int BadSignatures;

    /// <summary>How long the receiver takes to answer (a slow platform).</summary>
    public TimeSpan Delay { get; set; }
    public Uri Url { get; private set; } = null!;

    private FakeReplyReceiver(WebApplication app, string secret) { _app = app; _secret = secret; }

    /// <summary>Answer the next requests with these statuses (then 200).</summary>
    public void FailNext(params int[] statuses) { foreach (var s in statuses) _statuses.Enqueue(s); }

    /// <summary>Requests that reached <c>/elsewhere</c>, where redirects point: a publisher following them would land here.</summary>
    public int Redirected;

    public static async Task<FakeReplyReceiver> StartAsync(string secret)
    {
        FakeReplyReceiver receiver = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            receiver = new FakeReplyReceiver(app, secret);
            app.MapPost("/replies", (Delegate)receiver.HandleAsync);
            app.Map("/elsewhere", () => { Interlocked.Increment(ref receiver.Redirected); return Results.Ok(); });
        });
        receiver.Url = new Uri(baseUrl, "replies");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!long.TryParse(http.Request.Headers[WebhookSignature.TimestampHeader], out var ts)
            || !WebhookSignature.Verify(_secret, ts, body, http.Request.Headers[WebhookSignature.SignatureHeader]))
        {
            Interlocked.Increment(ref BadSignatures);
            return Results.StatusCode(401);
        }
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        if (_statuses.TryDequeue(out var status))
            return status is >= 300 and < 400 ? Results.Redirect("/elsewhere", permanent: status == 301) : Results.StatusCode(status);
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        Received.Enqueue(new Reply(r.GetProperty("inReplyTo").GetString()!, r.GetProperty("text").GetString()!,
            r.GetProperty("caseId").GetInt64(), http.Request.Headers["Idempotency-Key"], DateTimeOffset.UtcNow));
        return Results.Json(new { id = $"posted-{r.GetProperty("caseId").GetInt64()}" });
    }

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
