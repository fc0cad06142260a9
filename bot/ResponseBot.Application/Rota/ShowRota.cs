using Microsoft.Extensions.Logging;
using ResponseBot.Domain;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Rota;

/// <summary>"who's on call" and "rota": the rota cards, for everyone; coordinators' week card carries the cover form.</summary>
public sealed class ShowRota(IUnitOfWorkFactory db, RotaViews views, TimeProvider clock, ILogger<ShowRota> log)
{
    public const string WeekSummary = "The out-of-hours rota";

    /// <summary>Typed: the card is posted into the chat.</summary>
    public async Task SendAsync(ChatInteraction.Message m, bool week, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        var card = week ? await views.WeekAsync(uow, m.Actor.Id, ct) : await views.WhoIsOnCallAsync(uow, ct);
        await ChatRequest.CardAsync(uow, m.Actor.Id, card, week ? WeekSummary : "Who's on call", now, ct);
        await uow.CommitAsync(ct);
    }

    /// <summary>A rota card's button: the card as it is now, in place of the one pressed.</summary>
    public async Task<InteractionReply> ViewAsync(ChatInteraction.CardAction a, bool week, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        var first = await ChatRequest.BeginAsync(uow, a, now, log, ct);
        InteractionReply reply = new InteractionReply.Card(week ? await views.WeekAsync(uow, a.Actor.Id, ct) : await views.WhoIsOnCallAsync(uow, ct));
        reply = await ChatRequest.AnswerAsync(uow, a, first, reply, WeekSummary, postCard: true, now, ct);
        await uow.CommitAsync(ct);
        return reply;
    }
}
