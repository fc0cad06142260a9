using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Cases;
using ResponseBot.Domain.Accounts;
using ResponseBot.Http;

namespace ResponseBot.Platforms.Generic;

/// <summary>
/// POST /api/webhooks/generic: the signed mention contract any listening tool can use.
/// 202 only after the case is committed (with whatever else arrived at that moment: <see cref="MentionIntake"/>), so a
/// sender that sees 202 can forget the mention; the router sends its card just after.
/// </summary>
public static class GenericWebhookEndpoint
{
    public const int MaxBodyBytes = 64 * 1024;

    // Never matches a real signature: only there so an unknown account costs the same as a known one.
    private static readonly string UnknownAccountSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static IEndpointConventionBuilder MapGenericWebhook(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/webhooks/generic", HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpContext http, AccountDirectory accounts, MentionIntake intake, TimeProvider clock, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("ResponseBot.Platforms.GenericWebhook");
        var ct = http.RequestAborted;
        var body = await RequestBody.ReadLimitedAsync(http.Request, MaxBodyBytes, ct);
        if (body is null) return Problem(413, $"body is larger than {MaxBodyBytes} bytes");

        var headers = http.Request.Headers;
        if (!long.TryParse(headers[WebhookSignature.TimestampHeader].FirstOrDefault(), out var timestamp))
            return Problem(401, $"header {WebhookSignature.TimestampHeader} (unix seconds) is required");
        if (string.IsNullOrEmpty(headers[WebhookSignature.SignatureHeader].FirstOrDefault()))
            return Problem(401, $"header {WebhookSignature.SignatureHeader} is required");
        if (!WebhookSignature.IsFresh(timestamp, clock.GetUtcNow()))
            return Problem(401, "timestamp is more than 5 minutes from now");

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Problem(400, "body is not valid JSON");
        }
        using (doc)
        {
            var accountId = GenericMentionPayload.ReadAccount(doc.RootElement, out var accountError);
            if (accountError is not null) return Problem(400, accountError);
            // An unknown account is answered exactly like a bad signature, after the same work, so nobody can list our accounts.
            var known = accountId is not null && accounts.Settings(accountId) is { Platform: Platform.Generic, WebhookSecret: not null };
            var secret = known ? accounts.Settings(accountId!)!.WebhookSecret! : UnknownAccountSecret;
            if (!WebhookSignature.Verify(secret, timestamp, body, headers[WebhookSignature.SignatureHeader].FirstOrDefault()) || !known)
            {
                log.LogWarning("Webhook with a bad signature or for an unknown account");
                return Problem(401, "signature does not match");
            }

            var mention = GenericMentionPayload.Read(doc.RootElement, accounts.CanonicalId(accountId!)!, out var error);
            if (mention is null) return Problem(400, error!);

            var result = await intake.AcceptAsync(mention, ct);
            log.LogInformation("Mention {ExternalId} for account {AccountId} is case {CaseId} (new: {Created})",
                mention.ExternalId, accountId, result.CaseId, result.Created);
            return Results.Json(new { caseId = result.CaseId }, statusCode: result.Created ? 202 : 200);
        }
    }

    private static IResult Problem(int status, string reason) => Results.Json(new { error = reason }, statusCode: status);
}
