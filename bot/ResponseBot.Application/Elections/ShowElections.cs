using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Elections;

/// <summary>"elections": the current and coming pre-election periods, for everyone; managers' card carries the form.</summary>
public sealed class ShowElections(IUnitOfWorkFactory db, ElectionViews views, TimeProvider clock, ILogger<ShowElections> log)
{
    /// <summary>Typed: the card is posted into the chat.</summary>
    public async Task SendAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        await ChatRequest.CardAsync(uow, m.Actor.Id, await views.CardAsync(uow, m.Actor.Id, ct), ElectionViews.Summary, now, ct);
        await uow.CommitAsync(ct);
    }

    /// <summary>The card's Refresh: the card as it is now, in place of the one pressed.</summary>
    public async Task<InteractionReply> ViewAsync(ChatInteraction.CardAction a, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        var first = await ChatRequest.BeginAsync(uow, a, now, log, ct);
        InteractionReply reply = new InteractionReply.Card(await views.CardAsync(uow, a.Actor.Id, ct));
        reply = await ChatRequest.AnswerAsync(uow, a, first, reply, ElectionViews.Summary, postCard: true, now, ct);
        await uow.CommitAsync(ct);
        return reply;
    }
}
