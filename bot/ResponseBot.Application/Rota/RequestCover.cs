using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>
/// "cover me": the person's current or next shift is offered, as a card, to everyone else on that layer's rotation; one
/// live request per shift. The request and every card are stored and queued in one unit of work.
/// </summary>
public sealed class RequestCover(IUnitOfWorkFactory db, RotaConfig rota, SwapViews views, ICardRenderer renderer, TimeProvider clock, ILogger<RequestCover> log)
{
    public async Task RunAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var actor = m.Actor;
        var at = clock.Now();
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, at, log, ct)) return;
        var plan = await uow.PlanAsync(rota, new Interval(now, now + Swaps.LookAhead), ct);
        if (Swaps.ShiftToCover(plan, actor.Id, now) is not { } shift)
            await ChatRequest.TextAsync(uow, actor.Id, "You have no out-of-hours shifts in the next 14 days, so there's nothing to cover.", at, ct);
        else
        {
            var candidates = Swaps.Candidates(plan, shift.Layer, actor.Id);
            var request = new SwapRequest(Guid.NewGuid(), shift.Layer, actor.Id, shift.Start, shift.End, SwapStatus.Open);
            var when = views.When(request);
            if (candidates.Count == 0)
                await ChatRequest.TextAsync(uow, actor.Id, $"Nobody else is on the {RotaText.Name(shift.Layer)} rota to ask about your {when}: ask a rota coordinator.", at, ct);
            else if (!await uow.Swaps.InsertAsync(request, now, ct))
                await ChatRequest.TextAsync(uow, actor.Id, $"You've already asked for cover for your {when}; that request is still open.", at, ct);
            else
            {
                var card = renderer.SwapOffer(await views.ModelAsync(uow, request, ct) with { RefreshFor = await SwapViews.RefreshForAsync(uow, candidates, ct) });
                foreach (var candidate in candidates)
                    await ChatRequest.CardAsync(uow, candidate, card, $"{actor.Name} asks for cover", at, ct);
                await ChatRequest.TextAsync(uow, actor.Id,
                    $"Asked {candidates.Count} {(candidates.Count == 1 ? "person" : "people")} to cover your {when}. You'll be told when someone takes it.", at, ct);
                log.LogInformation("{StaffId} asked {Count} people to cover {Layer} from {Start}", actor.Id, candidates.Count, shift.Layer, shift.Start);
            }
        }
        await uow.CommitAsync(ct);
    }
}
