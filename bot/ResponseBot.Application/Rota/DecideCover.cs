using ResponseBot.Domain;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>A button on a cover-request card: take it, approve or decline it (a coordinator), or only look at it (null);
/// <paramref name="OnApprovalCard"/> when pressed on the coordinators' approval card.</summary>
public sealed record CoverAction(ChatInteraction.CardAction Interaction, Guid? SwapId, SwapCommand? Command, bool OnApprovalCard);

/// <summary>
/// Taking a cover request ("I'll cover": first taker wins) and a coordinator approving or declining it, decided by
/// <see cref="Swaps.Decide"/> from the authenticated user and the rota. One unit of work: the request guarded on the status it
/// was decided on, an approved swap's override, the coordinators' approval cards, everyone's notices and the log entry.
/// </summary>
public sealed class DecideCover(IUnitOfWorkFactory db, RotaConfig rota, SwapViews views, ICardRenderer renderer, TimeProvider clock, ILogger<DecideCover> log)
{
    public async Task<InteractionReply> RunAsync(CoverAction action, CancellationToken ct)
    {
        var a = action.Interaction;
        var at = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        var first = await ChatRequest.BeginAsync(uow, a, at, log, ct);
        var swap = action.SwapId is { } id ? await uow.Swaps.GetAsync(id, ct) : null;
        var reply = swap is null ? SwapViews.NotFound
            : !first || action.Command is not { } command ? await views.CardAsync(uow, swap, ct, approval: action.OnApprovalCard)
            : await DecideAsync(uow, swap, a, command, ct);
        reply = await ChatRequest.AnswerAsync(uow, a, first, reply, ShowRota.WeekSummary, postCard: true, at, ct);
        await uow.CommitAsync(ct);
        return reply;
    }

    private async Task<InteractionReply> DecideAsync(IUnitOfWork uow, SwapRequest swap, ChatInteraction.CardAction a, SwapCommand command, CancellationToken ct)
    {
        var now = clock.Now();
        var approval = command is not SwapCommand.Take;
        var plan = await uow.PlanAsync(rota, new Interval(Instant.Min(now, swap.Start), Instant.Max(now + Duration.FromDays(1), swap.End)), ct);
        var name = await RotaViews.NamesAsync(uow, [swap.RequesterId, swap.TakenBy, a.Actor.Id], ct);
        var when = views.When(swap);
        switch (Swaps.Decide(swap, new SwapActor(a.Actor.Id, a.Actor.Name, rota.IsCoordinator(a.Actor.Id)), command, plan, now, rota.SwapsNeedApproval, name, when))
        {
            case SwapOutcome.Refusal r:
                return r.ShowCard ? await views.CardAsync(uow, swap, ct, r.Message, approval) : new InteractionReply.Info(r.Message);
            case SwapOutcome.Transition t:
                if (!await uow.Swaps.SaveAsync(t.After, swap.Status, now, ct))
                {
                    var latest = await uow.Swaps.GetAsync(swap.Id, ct) ?? swap;
                    return await views.CardAsync(uow, latest, ct, approval ? "This swap has already been decided." : "Someone else took it first.", approval);
                }
                var after = t.After;
                if (t.AddOverride)
                {
                    // The approved swap becomes an ordinary override, so routing, cards and the calendar all see it.
                    var overrideId = await uow.Overrides.InsertAsync(new RotaOverride(0, swap.Layer, after.TakenBy!, swap.Start, swap.End, swap.RequesterId),
                        "swap:" + swap.Id, now, ct);
                    after = after with { OverrideId = overrideId };
                    await uow.Swaps.SaveAsync(after, after.Status, now, ct);
                }
                if (t.AskCoordinators)
                {
                    var card = renderer.SwapApproval(await views.ModelAsync(uow, after, ct));
                    foreach (var coordinator in rota.Coordinators)
                        await ChatRequest.CardAsync(uow, coordinator, card, "A cover swap to approve", now, ct);
                }
                foreach (var notice in t.Notices)
                    await ChatRequest.TextAsync(uow, notice.StaffId, notice.Text, now, ct);
                await uow.Log.AppendAsync(new DecisionEntry(null, now, a.Actor.Id, a.Actor.Name,
                    command switch { SwapCommand.Take => DecisionActions.SwapTaken, SwapCommand.Approve => DecisionActions.SwapApproved, _ => DecisionActions.SwapDeclined },
                    Detail: approval ? JsonSerializer.Serialize(new { swap = swap.Id, taker = swap.TakenBy }) : JsonSerializer.Serialize(new { swap = swap.Id, status = after.Status.ToString() })), ct);
                log.LogInformation("{StaffId} {Command} cover request {SwapId} ({Status})", a.Actor.Id, command.GetType().Name, swap.Id, after.Status);
                return await views.CardAsync(uow, after, ct, t.Notice, approval);
            default:
                throw new InvalidOperationException("Unhandled swap outcome");
        }
    }
}
