using Microsoft.AspNetCore.Http;
using ResponseBot.Domain.Chat;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Teams.Inbound;

/// <summary>Universal Actions invoke responses: HTTP 200 with {statusCode, type, value} in the body.</summary>
internal static class InvokeReplies
{
    public static IResult From(InteractionReply reply) => reply switch
    {
        InteractionReply.Card card => Body(200, ActivityTypes.AdaptiveCardContentType, card.Content),
        InteractionReply.Info info => Body(200, "application/vnd.microsoft.activity.message", info.Text),
        InteractionReply.Error error => Body(error.Status, "application/vnd.microsoft.error", new { code = error.Code, message = error.Message }),
        _ => Body(200, "application/vnd.microsoft.activity.message", "Done."),
    };

    /// <summary>An invoke we don't handle: the status goes on the HTTP response itself, as the SDK does.</summary>
    public static IResult Status(int status, string reason) =>
        Results.Json(new { statusCode = status, type = "application/vnd.microsoft.error", value = new { code = "NotSupported", message = reason } }, ActivityJson.Options, statusCode: status);

    private static IResult Body(int status, string type, object value) =>
        Results.Json(new { statusCode = status, type, value }, ActivityJson.Options);
}
