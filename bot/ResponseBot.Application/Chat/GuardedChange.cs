using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Chat;

/// <summary>
/// The shape of a change made from a card that only some people may make (cover by coordinators, pre-election periods by
/// managers), inside the caller's unit of work: a re-sent invoke is shown the card and changes nothing, anyone else is told
/// <paramref name="refusal"/>, and the change's outcome is shown on the refreshed card.
/// </summary>
public static class GuardedChange
{
    public static async Task<InteractionReply> RunAsync(IUnitOfWork uow, ChatInteraction.CardAction a, bool allowed, string refusal, string summary,
        Func<string?, Task<JsonObject>> card, Func<Task<string>> change, Instant now, ILogger log, CancellationToken ct)
    {
        InteractionReply reply;
        var first = await ChatRequest.BeginAsync(uow, a, now, log, ct);
        if (!first)
            reply = new InteractionReply.Card(await card(null));
        else if (!allowed)
        {
            log.LogWarning("{StaffId} tried {Verb} but may not: {Refusal}", a.Actor.Id, a.Verb, refusal);
            reply = new InteractionReply.Info(refusal);
        }
        else
            reply = new InteractionReply.Card(await card(await change()));
        return await ChatRequest.AnswerAsync(uow, a, first, reply, summary, postCard: true, now, ct);
    }
}
