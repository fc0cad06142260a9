namespace ResponseBot.Domain.Cases;

public static partial class CaseWorkflow
{
    private static readonly IReadOnlySet<CaseVerb> Nothing = new HashSet<CaseVerb>();

    /// <summary>
    /// Whether <paramref name="actor"/> may see the case at all — its public text, author, flags and drafts: only someone with
    /// a reason to (on call or brought it by a timer, a manager, its claimer, whoever holds a posted copy, or the routing
    /// channel for the channel's copy). Asked before anything else is answered about the case.
    /// </summary>
    public static bool MaySee(CaseRecord c, ActorContext actor) =>
        actor.IsManager || actor.ActsAsOfficer || actor.HoldsCard || actor.InTeamChannel || c.Claimed?.Id == actor.Who.Id;

    /// <summary>
    /// The commands <paramref name="actor"/> may give on <paramref name="c"/> as it stands: exactly the buttons their card
    /// shows. The same rules as <see cref="Decide"/>; a stale card or a missing reason is for Decide to answer.
    /// </summary>
    public static IReadOnlySet<CaseVerb> Allowed(CaseRecord c, ActorContext actor, Accounts.Account account, Policy.ReplyPolicy policy)
    {
        var verbs = new HashSet<CaseVerb>(Allowed(c, actor));
        verbs.UnionWith(Moderation.Allowed(c, actor, account.Platform, policy));
        return verbs;
    }

    /// <summary>The commands on the reply alone (no moderation): see the overload with the account.</summary>
    public static IReadOnlySet<CaseVerb> Allowed(CaseRecord c, ActorContext actor)
    {
        switch (c.State)
        {
            case CaseState.AwaitingApproval:
                return actor.IsManager && c.Drafted?.Id != actor.Who.Id
                    ? new HashSet<CaseVerb> { CaseVerb.ManagerApprove, CaseVerb.ManagerEditApprove, CaseVerb.Reject }
                    : Nothing;
            case CaseState.Scheduled:
                return MayUndo(c, actor) ? new HashSet<CaseVerb> { CaseVerb.Undo } : Nothing;
            case CaseState.Publishing or CaseState.Sent or CaseState.Dismissed:
                return Nothing;
        }
        // Claiming is what a shared card is for: in a personal chat the case is already the officer's.
        if (actor.InTeamChannel && c.State is CaseState.New or CaseState.Notified)
            return new HashSet<CaseVerb> { CaseVerb.Claim };
        if (OfficerRefusal(c, actor) is not null) return Nothing;
        var verbs = new HashSet<CaseVerb> { c.State == CaseState.Failed ? CaseVerb.Retry : CaseVerb.Approve, CaseVerb.SendEdited, CaseVerb.Dismiss };
        if (c.State != CaseState.Escalated) verbs.Add(CaseVerb.Escalate);
        if (c.State is CaseState.New or CaseState.Notified or CaseState.Claimed && c.Acknowledged is null) verbs.Add(CaseVerb.Acknowledge);
        // Whether a snooze length is on offer (not for an emergency) is the policy's, drawn by the card.
        if (c.State is not CaseState.Escalated) verbs.Add(CaseVerb.Snooze);
        return verbs;
    }
}
