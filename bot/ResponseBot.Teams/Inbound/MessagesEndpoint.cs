using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Http;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Teams.Inbound;

/// <summary>POST /api/messages: authenticate, read, dispatch, and answer invokes in the response body.</summary>
public static class MessagesEndpoint
{
    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder routes, string pattern = "/api/messages") =>
        routes.MapPost(pattern, HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpContext http, IInboundAuthenticator auth, ActivityGate gate, IChatInteractionHandler handler, IOptions<BotOptions> options,
        ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("ResponseBot.Teams.Messages");
        var ct = http.RequestAborted;
        var body = await RequestBody.ReadLimitedAsync(http.Request, options.Value.MaxActivityBytes, ct);
        if (body is null)
            return Results.Json(new { error = $"activity larger than {options.Value.MaxActivityBytes} bytes" }, statusCode: 413);

        Activity? activity;
        try
        {
            using (var doc = JsonDocument.Parse(body))
                if (UnreadableText.Find(doc.RootElement) is { } where)
                    return Results.BadRequest(new { error = $"{where} is not valid Unicode text (an unpaired surrogate)" });
            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { error = "body is not a valid activity JSON object" });
        }
        if (activity is null)
            return Results.BadRequest(new { error = "body is not an activity" });
        if (ActivityMapper.Validate(activity) is { } invalid)
            return Results.BadRequest(new { error = invalid });

        var verdict = await auth.AuthenticateAsync(http.Request.Headers.Authorization.FirstOrDefault(), activity.ChannelId!, activity.ServiceUrl!, ct);
        if (verdict.Status == InboundAuthStatus.Unavailable)
        {
            log.LogWarning("Could not authenticate activity {ActivityId}: {Reason}", activity.Id, verdict.Reason);
            return Results.StatusCode(503);
        }
        if (verdict.Status == InboundAuthStatus.Rejected)
        {
            log.LogWarning("Rejected activity {ActivityId}: {Reason}", activity.Id, verdict.Reason);
            return Results.Unauthorized();
        }
        var tenants = options.Value.AllowedTenants;
        if (tenants.Length > 0 && !tenants.Contains(activity.TenantId, StringComparer.OrdinalIgnoreCase))
        {
            log.LogWarning("Refused activity {ActivityId} from tenant {TenantId}, which is not allowed", activity.Id, activity.TenantId);
            return Results.Unauthorized();
        }

        if (ActivityMapper.Refuse(activity) is { } refusedActivity)
        {
            log.LogWarning("Refused activity {ActivityId}: {Reason}", activity.Id, refusedActivity);
            return Results.BadRequest(new { error = refusedActivity });
        }

        switch (ActivityMapper.Map(activity))
        {
            case MappedActivity.NotSupported refused:
                log.LogInformation("Unsupported {Type} {Name}: {Reason}", activity.Type, activity.Name, refused.Reason);
                return activity.Type == ActivityTypes.Invoke ? InvokeReplies.Status(refused.Status, refused.Reason) : Results.Ok();
            case MappedActivity.Interaction { Value: var interaction }:
                // Teams retries an activity it got no answer to in time; the use case records this key with what it does,
                // so the same id never acts twice and a failed attempt is processed when retried.
                var key = activity.Id is { Length: > 0 } id ? $"{activity.Conversation!.Id}|{id}" : null;
                var turn = await gate.WaitTurnAsync(ct);
                // Released once: when the handler gives its place up (ActivityTurn.GiveUp) or when it returns.
                using (ActivityTurn.Hold(turn))
                {
                    if (!turn.IsAcquired)
                    {
                        log.LogWarning("Turned away activity {ActivityId}: {Waiting} activities are already waiting", activity.Id, gate.Load.Waiting);
                        http.Response.Headers.RetryAfter = "1";
                        return Results.Json(new { error = "too many activities at once: send it again shortly" }, statusCode: 503);
                    }
                    var reply = await handler.HandleAsync(interaction with { ActivityKey = key }, ct);
                    return activity.Type == ActivityTypes.Invoke ? InvokeReplies.From(reply) : Results.Ok();
                }
            default:
                return Results.Ok();
        }
    }
}
