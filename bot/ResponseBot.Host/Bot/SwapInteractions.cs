using Microsoft.Extensions.Options;
using NodaTime;
using ResponseBot.Cards;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Bot;

/// <summary>
/// "Cover me": the request goes to everyone else on that layer's rota as a card; the first to press "I'll cover"
/// takes it; where <c>Rota:SwapsNeedApproval</c> says so a coordinator approves; an approved swap is an override.
/// Every step is decided from the authenticated user.
/// </summary>
public sealed class SwapInteractions(IRotaSource rota, ISwapStore swaps, IStaffStore staff, IOutboxStore outbox, RotaViews views, IOptions<RotaOptions> options,
    TimeProvider clock, ILogger<SwapInteractions> log)
{
    public async Task RequestAsync(StaffMember actor, CancellationToken ct)
    {
        var now = clock.Now();
        var plan = await rota.PlanAsync(new Interval(now, now + Swaps.LookAhead), ct);
        if (Swaps.ShiftToCover(plan, actor.Id, now) is not { } shift)
        {
            await outbox.EnqueueTextAsync(actor.Id, "You have no out-of-hours shifts in the next 14 days, so there's nothing to cover.", clock.GetUtcNow(), ct);
            return;
        }
        var candidates = Swaps.Candidates(plan, shift.Layer, actor.Id);
        var request = new SwapRequest(Guid.NewGuid(), shift.Layer, actor.Id, shift.Start, shift.End, SwapStatus.Open);
        var model = await ModelAsync(request, ct);
        var when = $"{RotaText.Name(shift.Layer)} shift from {model.From} to {model.To}";
        if (candidates.Count == 0)
        {
            await outbox.EnqueueTextAsync(actor.Id, $"Nobody else is on the {RotaText.Name(shift.Layer)} rota to ask about your {when}: ask a rota coordinator.", clock.GetUtcNow(), ct);
            return;
        }
        var card = SwapCards.Offer(model with { RefreshFor = await RefreshForAsync(candidates, ct) }).ToJson();
        if (!await swaps.CreateAsync(request,
            [.. candidates.Select(c => new SwapMessage(c, Card: card, Summary: $"{actor.Name} asks for cover")),
             new SwapMessage(actor.Id, $"Asked {candidates.Count} {(candidates.Count == 1 ? "person" : "people")} to cover your {when}. You'll be told when someone takes it.")],
            now, ct))
        {
            await outbox.EnqueueTextAsync(actor.Id, $"You've already asked for cover for your {when}; that request is still open.", clock.GetUtcNow(), ct);
            return;
        }
        log.LogInformation("{StaffId} asked {Count} people to cover {Layer} from {Start}", actor.Id, candidates.Count, shift.Layer, shift.Start);
    }

    /// <summary>The request as it stands, as the card the button was on (an offer, or the coordinators' approval card).</summary>
    public async Task<InteractionReply> ViewAsync(ChatInteraction.CardAction a, CancellationToken ct) =>
        await FindAsync(a, ct) is { } swap
            ? await CardAsync(swap, ct, approval: a.Verb is CardVerbs.ApproveSwap or CardVerbs.DeclineSwap)
            : NotFound;

    private static readonly InteractionReply NotFound = new InteractionReply.Error(404, "NotFound", "This cover request no longer exists.");

    private async Task<SwapRequest?> FindAsync(ChatInteraction.CardAction a, CancellationToken ct) =>
        Guid.TryParse(a.Data[CardVerbs.SwapIdKey]?.ToString(), out var id) ? await swaps.GetAsync(id, ct) : null;

    public async Task<InteractionReply> ActAsync(ChatInteraction.CardAction a, CancellationToken ct)
    {
        if (await FindAsync(a, ct) is not { } swap) return NotFound;
        return a.Verb switch
        {
            CardVerbs.TakeSwap => await TakeAsync(a.Actor, swap, ct),
            CardVerbs.ViewSwap => await CardAsync(swap, ct),
            CardVerbs.ApproveSwap or CardVerbs.DeclineSwap when !views.IsCoordinator(a.Actor.Id) =>
                new InteractionReply.Info("Only rota coordinators (Rota:Coordinators) can approve cover swaps."),
            CardVerbs.ApproveSwap or CardVerbs.DeclineSwap => await DecideAsync(a.Actor, swap, a.Verb == CardVerbs.ApproveSwap, ct),
            _ => new InteractionReply.Error(400, "BadRequest", "This button isn't recognised. The card may be out of date."),
        };
    }

    private async Task<InteractionReply> TakeAsync(StaffMember actor, SwapRequest swap, CancellationToken ct)
    {
        if (actor.Id == swap.RequesterId) return new InteractionReply.Info("That's your own shift: someone else has to take it.");
        var now = clock.Now();
        var plan = await rota.PlanAsync(new Interval(now, now + Duration.FromDays(1)), ct);
        if (!Swaps.Candidates(plan, swap.Layer, swap.RequesterId).Contains(actor.Id))
            return new InteractionReply.Info($"Only people on the {RotaText.Name(swap.Layer)} rota can take this shift.");
        if (swap.End <= now) return await CardAsync(swap, ct, "This shift is already over.");
        if (!await StillHeldAsync(swap, ct)) return await CardAsync(swap, ct, "The rota has changed since this was asked: the shift isn't theirs to give any more.");

        var needsApproval = options.Value.SwapsNeedApproval;
        var taken = swap with { Status = needsApproval ? SwapStatus.Taken : SwapStatus.Approved, TakenBy = actor.Id };
        var model = await ModelAsync(taken, ct);
        var when = $"{RotaText.Name(swap.Layer)} shift from {model.From} to {model.To}";
        IReadOnlyList<SwapMessage> messages = needsApproval
            ? [.. rota.Coordinators.Select(c => new SwapMessage(c, Card: SwapCards.Approval(model).ToJson(), Summary: "A cover swap to approve")),
               new SwapMessage(swap.RequesterId, $"{actor.Name} offered to cover your {when}. A rota coordinator has to approve it.")]
            : [new SwapMessage(swap.RequesterId, $"{actor.Name} is covering your {when}. It's on the rota now."),
               new SwapMessage(actor.Id, $"Thanks: you're covering {model.RequesterName}'s {when}.")];
        if (!await swaps.TakeAsync(swap.Id, actor.Id, taken.Status, now, messages, ct))
            return await CardAsync(await swaps.GetAsync(swap.Id, ct) ?? swap, ct, "Someone else took it first.");
        log.LogInformation("{StaffId} took cover request {SwapId} ({Status})", actor.Id, swap.Id, taken.Status);
        return await CardAsync(taken, ct, needsApproval ? "Thanks: a rota coordinator will confirm." : "Thanks: it's on the rota now.");
    }

    private async Task<InteractionReply> DecideAsync(StaffMember coordinator, SwapRequest swap, bool approve, CancellationToken ct)
    {
        var decided = swap with { Status = approve ? SwapStatus.Approved : SwapStatus.Declined, DecidedBy = coordinator.Id };
        var model = await ModelAsync(decided, ct);
        var when = $"{RotaText.Name(swap.Layer)} shift from {model.From} to {model.To}";
        IReadOnlyList<SwapMessage> messages = approve
            ? [new SwapMessage(swap.RequesterId, $"{coordinator.Name} approved: {model.TakerName} is covering your {when}."),
               new SwapMessage(swap.TakenBy!, $"{coordinator.Name} approved: you're covering {model.RequesterName}'s {when}.")]
            : [new SwapMessage(swap.RequesterId, $"{coordinator.Name} declined the swap: your {when} stays with you."),
               new SwapMessage(swap.TakenBy!, $"{coordinator.Name} declined the swap: you're not covering {model.RequesterName}'s {when}.")];
        if (approve && swap.Status == SwapStatus.Taken && !await StillHeldAsync(swap, ct))
            return await CardAsync(swap, ct, "The rota has changed since this was asked: the shift isn't the requester's any more. Decline it.", approval: true);
        if (swap.Status != SwapStatus.Taken || !await swaps.DecideAsync(swap.Id, coordinator, approve, clock.Now(), messages, ct))
            return await CardAsync(await swaps.GetAsync(swap.Id, ct) ?? swap, ct, "This swap has already been decided.", approval: true);
        return await CardAsync(decided, ct, approve ? "Approved: it's on the rota now." : "Declined.", approval: true);
    }

    // A coordinator may have moved the shift since the request: a swap must not silently displace them.
    private async Task<bool> StillHeldAsync(SwapRequest swap, CancellationToken ct) =>
        Swaps.StillHolds(await rota.PlanAsync(new Interval(swap.Start, swap.End), ct), swap);

    // The Teams user ids of those offered the swap (known once they've talked to the bot).
    private async Task<IReadOnlyList<string>> RefreshForAsync(IEnumerable<string> staffIds, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var id in staffIds)
            if ((await staff.FindAddressAsync(id, ct))?.ChannelUserId is { } channelUserId) ids.Add(channelUserId);
        return ids;
    }

    private async Task<SwapCardModel> ModelAsync(SwapRequest s, CancellationToken ct)
    {
        var name = await views.NamesAsync([s.RequesterId, s.TakenBy], ct);
        return new SwapCardModel(s.Id, name(s.RequesterId), RotaViews.Title(s.Layer), RotaText.Local(s.Start, rota.Zone), RotaText.Local(s.End, rota.Zone),
            s.Status.ToString(), s.TakenBy is { } t ? name(t) : null);
    }

    private async Task<InteractionReply> CardAsync(SwapRequest s, CancellationToken ct, string? notice = null, bool approval = false)
    {
        var model = await ModelAsync(s, ct) with { Notice = notice };
        if (!approval)
        {
            var now = clock.Now();
            var plan = await rota.PlanAsync(new Interval(now, now + Duration.FromDays(1)), ct);
            model = model with { RefreshFor = await RefreshForAsync(Swaps.Candidates(plan, s.Layer, s.RequesterId), ct) };
        }
        return new InteractionReply.Card((approval ? SwapCards.Approval(model) : SwapCards.Offer(model)).ToJson());
    }
}
