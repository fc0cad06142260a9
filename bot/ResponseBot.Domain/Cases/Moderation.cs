using System.Text.Json;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Replies;
using static ResponseBot.Domain.Cases.CaseOutcome;

namespace ResponseBot.Domain.Cases;

/// <summary>
/// Hiding a mention on the platform where it allows (a Facebook comment, a reply on X) and showing it again. Whoever may act on
/// the case may hide it, or only managers when the policy says so; a reason is required and the text as it was is logged with
/// it, the evidence moderation policies ask for. It does not move the case: the author may still need an answer.
/// </summary>
public static class Moderation
{
    private const int MaxReasonLength = 500;

    public static CaseOutcome Decide(CaseRecord c, ActorContext actor, CaseCommand command, WorkflowContext ctx)
    {
        if (!PlatformFacts.CanHide(ctx.Account.Platform))
            return new Refusal(RefusalReason.NotAllowed, $"{ctx.Account.PlatformName} has no way for an account to hide a post.");
        if (!MayModerate(c, actor, ctx.Policy)) return new Refusal(RefusalReason.NotAllowed, ctx.Policy.HideNeedsManager
            ? "Only a manager can hide or unhide a post."
            : "Only the officer on call or a manager can hide or unhide a post.");
        if (c.DeletedAt is not null) return new Refusal(RefusalReason.AlreadyHandled, "The author deleted this post: there is nothing left to hide.");
        var me = new Stamp(actor.Who.Id, actor.Who.Name, ctx.Now);
        switch (command)
        {
            case CaseCommand.Hide h:
                if (c.Hidden is { } hidden)
                    return new Refusal(RefusalReason.AlreadyHandled, $"{hidden.Name} already hid it at {ctx.Time(hidden.At)}.");
                var why = ReplyText.Normalise(h.Reason);
                if (why.Length is 0 or > MaxReasonLength)
                    return new Refusal(RefusalReason.ReasonRequired, $"Give a reason (up to {MaxReasonLength} characters) when hiding a post.");
                return new Transition(c with { Hidden = me, HiddenReason = why },
                    new CaseLogEntry(DecisionActions.Hidden, TextBefore: c.Mention.Text, Reason: why, Detail: Where(c, ctx)), [new CaseEffect.Moderate(true, actor.Who.Id)]);
            case CaseCommand.Unhide:
                if (c.Hidden is null) return new Refusal(RefusalReason.AlreadyHandled, "This post isn't hidden.");
                return new Transition(c with { Hidden = null, HiddenReason = null },
                    new CaseLogEntry(DecisionActions.Unhidden, TextBefore: c.Mention.Text, Reason: c.HiddenReason, Detail: Where(c, ctx)),
                    [new CaseEffect.Moderate(false, actor.Who.Id)]);
            default:
                throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    /// <summary>The moderation buttons <paramref name="actor"/> gets on the case as it stands.</summary>
    public static IEnumerable<CaseVerb> Allowed(CaseRecord c, ActorContext actor, Platform platform, Policy.ReplyPolicy policy)
    {
        if (!PlatformFacts.CanHide(platform) || c.DeletedAt is not null || !MayModerate(c, actor, policy)) yield break;
        yield return c.Hidden is null ? CaseVerb.Hide : CaseVerb.Unhide;
    }

    /// <summary>The platform said no: the post is as it was, and whoever asked is told why.</summary>
    /// <summary>
    /// The platform said no: the case shows the post as it still is, and <paramref name="staffId"/>, who asked, is told why. A
    /// later decision the other way (hidden, then shown again) already superseded it: nothing to undo.
    /// </summary>
    public static CaseOutcome Failed(CaseRecord c, bool hidden, string reason, string? staffId, NodaTime.Instant now)
    {
        if ((c.Hidden is not null) != hidden) return new Unchanged(c);
        var undone = hidden ? c with { Hidden = null, HiddenReason = null } : c with { Hidden = new Stamp(DecisionEntry.SystemId, DecisionEntry.SystemName, now) };
        IReadOnlyList<CaseEffect> effects = staffId is { } who
            ? [new CaseEffect.TextTo(who, $"Case #{c.Id}: the post could not be {(hidden ? "hidden" : "shown again")}: {reason}")]
            : [];
        return new Transition(undone, new CaseLogEntry(DecisionActions.HideFailed, Reason: reason, Detail: JsonSerializer.Serialize(new { hidden })), effects);
    }

    // A manager always; otherwise whoever may act on the case as its officer, in any state (abuse is hidden after a reply too).
    private static bool MayModerate(CaseRecord c, ActorContext actor, Policy.ReplyPolicy policy) =>
        actor.IsManager || (!policy.HideNeedsManager && (actor.ActsAsOfficer || c.Claimed?.Id == actor.Who.Id) && !actor.InTeamChannel);

    private static string Where(CaseRecord c, WorkflowContext ctx) =>
        JsonSerializer.Serialize(new { platform = ctx.Account.PlatformName, externalId = c.Mention.ExternalId });
}
