using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Sources;
using ResponseBot.Http;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// <c>/api/webhooks/facebook</c>, the callback URL of the Meta app (Graph API → Webhooks → Getting Started,
/// https://developers.facebook.com/docs/graph-api/webhooks/getting-started): the <c>GET</c> verification handshake, and the
/// <c>POST</c>ed Page feed changes, checked against <c>X-Hub-Signature-256</c> before anything in them is read. A delivery is
/// answered 200 only once every change in it is committed: Meta sends again whatever isn't acknowledged, and a repeat
/// changes nothing.
/// </summary>
public static class FacebookWebhookEndpoint
{
    public const string Path = "/api/webhooks/facebook";

    /// <summary>Meta batches changes into one delivery; a megabyte holds many more than it sends at once.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Meta's challenge is a number; anything much longer is not a handshake.</summary>
    public const int MaxChallengeLength = 128;

    public static IEndpointConventionBuilder MapFacebookWebhook(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path);
        group.MapGet("", Handshake);
        group.MapPost("", ReceiveAsync);
        return group;
    }

    // Verify Token matched in constant time against every Facebook account's: which account it is, or whether any is, doesn't
    // show in the time taken.
    private static IResult Handshake(HttpContext http, AccountDirectory accounts, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("ResponseBot.Platforms.FacebookWebhook");
        var q = http.Request.Query;
        var challenge = q["hub.challenge"].FirstOrDefault() ?? "";
        if (challenge.Length is 0 or > MaxChallengeLength || challenge.Any(char.IsControl))
            return Problem(400, $"hub.challenge is required (at most {MaxChallengeLength} characters)");
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(q["hub.verify_token"].FirstOrDefault() ?? ""));
        var matched = false;
        foreach (var (_, page) in FacebookAccount.All(accounts))
            matched |= CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(page.VerifyToken ?? "")));
        if (q["hub.mode"].FirstOrDefault() != "subscribe" || !matched)
        {
            log.LogWarning("Facebook webhook handshake refused: hub.mode isn't subscribe or the verify token matches no Facebook account");
            return Problem(403, "hub.mode must be subscribe and hub.verify_token must match the account's VerifyToken");
        }
        log.LogInformation("Facebook webhook handshake answered");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(challenge, "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, AccountDirectory accounts, FacebookFeedChanges changes,
        RecordSourceDelivery health, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("ResponseBot.Platforms.FacebookWebhook");
        var ct = http.RequestAborted;
        var body = await RequestBody.ReadLimitedAsync(http.Request, MaxBodyBytes, ct);
        if (body is null) return Problem(413, $"body is larger than {MaxBodyBytes} bytes");

        // The app secret is per account: the delivery is authentic for each account whose secret signed it. Every secret is
        // tried, so the time taken doesn't say which matched.
        var signature = http.Request.Headers[FacebookSignature.Header].FirstOrDefault();
        var pages = FacebookAccount.All(accounts);
        var signedFor = pages.Where(a => a.Page.AppSecret is { } secret && FacebookSignature.Verify(secret, body, signature)).ToList();
        if (signedFor.Count == 0)
        {
            var reason = signature is null ? $"deliveries arrive without {FacebookSignature.Header}" : "deliveries' signatures don't match the AppSecret";
            // Only for a Page of ours does a refusal count against its health: a secret rotated in the Meta app but not here
            // shows as every delivery refused, and is raised after three in a row.
            foreach (var named in FacebookFeed.PageIds(body))
                if (pages.FirstOrDefault(a => a.Page.PageId == named) is { Id: { } known })
                    await health.RefusedAsync(known, reason, ct);
            log.LogWarning("Facebook webhook refused: {Reason}", signature is null ? "no signature" : "bad signature");
            return Problem(401, signature is null ? $"header {FacebookSignature.Header} is required" : "signature does not match");
        }

        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException) { return Problem(400, "body is not valid JSON"); }
        using (doc)
        {
            var entries = FacebookFeed.Read(doc.RootElement, out var error, out var isPage);
            if (entries is null) return Problem(400, error!);
            // Another topic the app subscribed to (Instagram, a user) is acknowledged and left alone, or Meta would keep sending it.
            if (!isPage)
            {
                log.LogInformation("Facebook webhook for an object other than a Page ignored");
                return Results.Json(new { applied = 0 });
            }
            var applied = 0;
            var created = new Dictionary<string, int>();
            foreach (var entry in entries)
            {
                if (signedFor.FirstOrDefault(a => a.Page.PageId == entry.PageId) is not { Id: { } accountId, Page: { } page })
                {
                    log.LogWarning("Facebook webhook entry for page {PageId} ignored: no account signed by this secret has that PageId", entry.PageId);
                    continue;
                }
                created[accountId] = created.GetValueOrDefault(accountId);
                foreach (var change in entry.Changes)
                {
                    var outcome = await changes.ApplyAsync(accountId, page, change, ct);
                    if (outcome != FeedOutcome.Ignored) applied++;
                    if (outcome == FeedOutcome.Created) created[accountId]++;
                }
            }
            foreach (var (accountId, count) in created)
                await health.DeliveredAsync(accountId, count, ct);
            return Results.Json(new { applied });
        }
    }

    private static IResult Problem(int status, string reason) => Results.Json(new { error = reason }, statusCode: status);
}
