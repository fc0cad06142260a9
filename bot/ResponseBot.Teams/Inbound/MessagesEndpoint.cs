using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        HttpContext http, IInboundAuthenticator auth, IChatInteractionHandler handler, IInboundActivityLog seen, IOptions<BotOptions> options,
        TimeProvider clock, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("ResponseBot.Teams.Messages");
        var ct = http.RequestAborted;
        var body = await RequestBody.ReadLimitedAsync(http.Request, options.Value.MaxActivityBytes, ct);
        if (body is null)
            return Results.Json(new { error = $"activity larger than {options.Value.MaxActivityBytes} bytes" }, statusCode: 413);

        Activity? activity;
        try
        {
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

        // Teams retries an activity it got no answer to in time; the same id must not act twice.
        var key = activity.Id is { Length: > 0 } id ? $"{activity.Conversation!.Id}|{id}" : null;
        var repeat = key is not null && !await seen.FirstTimeAsync(key, clock.GetUtcNow(), ct);
        if (repeat)
            log.LogInformation("Activity {ActivityId} ({Type}) was already handled", activity.Id, activity.Type);

        switch (ActivityMapper.Map(activity))
        {
            case MappedActivity.NotSupported refused:
                log.LogInformation("Unsupported {Type} {Name}: {Reason}", activity.Type, activity.Name, refused.Reason);
                return activity.Type == ActivityTypes.Invoke ? InvokeReplies.Status(refused.Status, refused.Reason) : Results.Ok();
            case MappedActivity.Interaction { Value: ChatInteraction.CardAction action } when repeat && activity.Type == ActivityTypes.Invoke:
                return InvokeReplies.From(await handler.HandleAsync(action with { Repeat = true }, ct));
            case MappedActivity.Interaction when repeat:
                return Results.Ok();
            case MappedActivity.Interaction { Value: var interaction }:
                InteractionReply reply;
                try
                {
                    reply = await handler.HandleAsync(interaction, ct);
                }
                catch when (key is not null)
                {
                    await seen.ForgetAsync(key, CancellationToken.None);
                    throw;
                }
                return activity.Type == ActivityTypes.Invoke ? InvokeReplies.From(reply) : Results.Ok();
            default:
                return Results.Ok();
        }
    }
}
