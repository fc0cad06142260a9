using System.Collections.Concurrent;
using System.Text.Json;
using ResponseBot.Platforms;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Host.Demo;

/// <summary>
/// Development-only stand-in for the system a generic account's replies go to, so the demo shows
/// what would be posted. It checks the signature exactly as a real receiver should.
/// </summary>
public static class DemoReplyReceiver
{
    private sealed record Received(DateTimeOffset At, string? InReplyTo, string? Text, long? CaseId, string? IdempotencyKey);

    private static readonly ConcurrentQueue<Received> Replies = new();

    public static void MapDemoReplyReceiver(this WebApplication app)
    {
        app.MapPost("/demo/replies", async (HttpContext http, AccountDirectory accounts, TimeProvider clock, ILoggerFactory loggers) =>
        {
            var body = await new StreamContent(http.Request.Body).ReadAsByteArrayAsync(http.RequestAborted);
            var secret = accounts.Settings("demo")?.WebhookSecret;
            if (secret is null
                || !long.TryParse(http.Request.Headers[WebhookSignature.TimestampHeader], out var ts)
                || !WebhookSignature.IsFresh(ts, clock.GetUtcNow())
                || !WebhookSignature.Verify(secret, ts, body, http.Request.Headers[WebhookSignature.SignatureHeader]))
                return Results.Json(new { error = "bad signature" }, statusCode: 401);

            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var reply = new Received(clock.GetUtcNow(), root.GetProperty("inReplyTo").GetString(), root.GetProperty("text").GetString(),
                root.GetProperty("caseId").GetInt64(), http.Request.Headers["Idempotency-Key"]);
            Replies.Enqueue(reply);
            loggers.CreateLogger("ResponseBot.Demo").LogInformation(
                "DEMO RECEIVER published reply to {InReplyTo} for case {CaseId}: {Text}", reply.InReplyTo, reply.CaseId, reply.Text);
            return Results.Json(new { id = $"demo-reply-{reply.CaseId}" });
        });
        app.MapGet("/demo/replies", () => Results.Json(Replies.ToArray()));
    }
}
