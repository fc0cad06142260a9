using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>What someone asked to do with a "cover me" request, from its card.</summary>
public abstract record SwapCommand
{
    public sealed record Take : SwapCommand;
    public sealed record Approve : SwapCommand;
    public sealed record Decline : SwapCommand;
}

/// <summary>A text to one person about a swap.</summary>
public sealed record SwapNotice(string StaffId, string Text);

public abstract record SwapOutcome
{
    /// <summary>The request moves on: store <see cref="After"/> (guarded on the status it was decided on), add the override
    /// when <see cref="AddOverride"/>, ask the coordinators when <see cref="AskCoordinators"/>, and tell people.</summary>
    public sealed record Transition(SwapRequest After, bool AddOverride, bool AskCoordinators, IReadOnlyList<SwapNotice> Notices, string Notice) : SwapOutcome;

    /// <summary>Not done. <see cref="ShowCard"/>: answer with the request's card with the message on it, else with the message alone.</summary>
    public sealed record Refusal(string Message, bool ShowCard) : SwapOutcome;
}

/// <summary>Who is asking, decided from the authenticated user and the rota.</summary>
public sealed record SwapActor(string Id, string Name, bool IsCoordinator);

public static partial class Swaps
{
    /// <summary>
    /// Taking and deciding a swap. Pure: <paramref name="plan"/> covers now and the swapped shift, <paramref name="name"/>
    /// gives display names and <paramref name="when"/> says the shift in words ("primary shift from … to …").
    /// </summary>
    public static SwapOutcome Decide(SwapRequest swap, SwapActor actor, SwapCommand command, RotaPlan plan, Instant now, bool needsApproval,
        Func<string, string> name, string when) => command switch
    {
        SwapCommand.Take => Take(swap, actor, plan, now, needsApproval, name, when),
        SwapCommand.Approve => Settle(swap, actor, approve: true, plan, name, when),
        SwapCommand.Decline => Settle(swap, actor, approve: false, plan, name, when),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private static SwapOutcome Take(SwapRequest swap, SwapActor actor, RotaPlan plan, Instant now, bool needsApproval, Func<string, string> name, string when)
    {
        if (actor.Id == swap.RequesterId) return new SwapOutcome.Refusal("That's your own shift: someone else has to take it.", ShowCard: false);
        if (!Candidates(plan, swap.Layer, swap.RequesterId).Contains(actor.Id))
            return new SwapOutcome.Refusal($"Only people on the {RotaText.Name(swap.Layer)} rota can take this shift.", ShowCard: false);
        if (swap.Status != SwapStatus.Open) return new SwapOutcome.Refusal("Someone else took it first.", ShowCard: true);
        if (swap.End <= now) return new SwapOutcome.Refusal("This shift is already over.", ShowCard: true);
        // A coordinator may have moved the shift since the request: a swap must not silently displace them.
        if (!StillHolds(plan, swap)) return new SwapOutcome.Refusal("The rota has changed since this was asked: the shift isn't theirs to give any more.", ShowCard: true);

        var taken = swap with { Status = needsApproval ? SwapStatus.Taken : SwapStatus.Approved, TakenBy = actor.Id };
        IReadOnlyList<SwapNotice> notices = needsApproval
            ? [new SwapNotice(swap.RequesterId, $"{actor.Name} offered to cover your {when}. A rota coordinator has to approve it.")]
            : [new SwapNotice(swap.RequesterId, $"{actor.Name} is covering your {when}. It's on the rota now."),
               new SwapNotice(actor.Id, $"Thanks: you're covering {name(swap.RequesterId)}'s {when}.")];
        return new SwapOutcome.Transition(taken, AddOverride: !needsApproval, AskCoordinators: needsApproval, notices,
            needsApproval ? "Thanks: a rota coordinator will confirm." : "Thanks: it's on the rota now.");
    }

    private static SwapOutcome Settle(SwapRequest swap, SwapActor actor, bool approve, RotaPlan plan, Func<string, string> name, string when)
    {
        if (!actor.IsCoordinator) return new SwapOutcome.Refusal("Only rota coordinators (Rota:Coordinators) can approve cover swaps.", ShowCard: false);
        if (swap.Status != SwapStatus.Taken || swap.TakenBy is not { } taker) return new SwapOutcome.Refusal("This swap has already been decided.", ShowCard: true);
        if (approve && !StillHolds(plan, swap))
            return new SwapOutcome.Refusal("The rota has changed since this was asked: the shift isn't the requester's any more. Decline it.", ShowCard: true);
        var decided = swap with { Status = approve ? SwapStatus.Approved : SwapStatus.Declined, DecidedBy = actor.Id };
        IReadOnlyList<SwapNotice> notices = approve
            ? [new SwapNotice(swap.RequesterId, $"{actor.Name} approved: {name(taker)} is covering your {when}."),
               new SwapNotice(taker, $"{actor.Name} approved: you're covering {name(swap.RequesterId)}'s {when}.")]
            : [new SwapNotice(swap.RequesterId, $"{actor.Name} declined the swap: your {when} stays with you."),
               new SwapNotice(taker, $"{actor.Name} declined the swap: you're not covering {name(swap.RequesterId)}'s {when}.")];
        return new SwapOutcome.Transition(decided, AddOverride: approve, AskCoordinators: false, notices, approve ? "Approved: it's on the rota now." : "Declined.");
    }
}
