using ResponseBot.Domain.Replies;
using static ResponseBot.Domain.Cases.CaseOutcome;

namespace ResponseBot.Domain.Cases;

/// <summary>
/// The case state machine: given the case as it is, who is acting and what they asked, either a
/// transition (new record, log entry, effects) or a refusal with a message for them. Pure: the store
/// applies a transition atomically, guarded by the version it was decided on.
/// </summary>
public static partial class CaseWorkflow
{
    private const int MaxReasonLength = 500;

    public const string NotOnCallMessage = "You're not the officer on call, so you can't act on this case. Send \"on call\" to take over first.";

    public static CaseOutcome Decide(CaseRecord c, ActorContext actor, CaseCommand command, WorkflowContext ctx)
    {
        // Moderation is about the post, not the reply: a card a reply has moved on from still hides it.
        if (command is CaseCommand.Hide or CaseCommand.Unhide) return Moderation.Decide(c, actor, command, ctx);
        if (command.SeenVersion is { } seen && seen != c.Version && command is not CaseCommand.Undo)
            return c.State.IsOpen() && c.State is not CaseState.AwaitingApproval
                ? new Refusal(RefusalReason.StaleCard, "This case changed since your card was shown. Here is how it stands now.")
                : AlreadyHandled(c, ctx);

        return ForStorm(c, command switch
        {
            CaseCommand.Approve => Submit(c, actor, ctx, ctx.Suggestion, edited: false),
            CaseCommand.SendEdited e => Text(e.Text, ctx.Account.ReplyLimit) is { } bad ? bad : Submit(c, actor, ctx, ReplyText.Normalise(e.Text), edited: true),
            CaseCommand.Escalate e => Escalate(c, actor, ctx, e.Reason),
            CaseCommand.Dismiss d => Dismiss(c, actor, ctx, d.Reason),
            CaseCommand.Claim => Claim(c, actor, ctx),
            CaseCommand.ManagerApprove => ManagerApprove(c, actor, ctx, null),
            CaseCommand.ManagerEditApprove e => Text(e.Text, ctx.Account.ReplyLimit) is { } bad ? bad : ManagerApprove(c, actor, ctx, ReplyText.Normalise(e.Text)),
            CaseCommand.Reject r => Reject(c, actor, ctx, r.Reason),
            CaseCommand.Undo => Undo(c, actor, ctx),
            CaseCommand.Retry => Retry(c, actor, ctx),
            CaseCommand.Acknowledge => Acknowledge(c, actor, ctx),
            CaseCommand.Snooze s => Snooze(c, actor, ctx, s.Minutes),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        });
    }

    // A storm's lead speaks for the storm: a reply approved on it (once past any manager's approval) is the statement for every
    // member, a dismissal dismisses them all, and an undo takes the statement back before it reaches any of them.
    private static CaseOutcome ForStorm(CaseRecord c, CaseOutcome outcome)
    {
        if (!c.LeadsStorm || c.StormId is not { } storm || outcome is not Transition t || t.After.Decided is not { } by) return outcome;
        CaseEffect? decided = (c.State, t.After.State) switch
        {
            (not CaseState.Scheduled, CaseState.Scheduled) => new CaseEffect.StormDecided(storm, t.After.ReplyText, null, by, t.After.ScheduledFor ?? by.At),
            (_, CaseState.Dismissed) => new CaseEffect.StormDecided(storm, null, t.After.Reason, by, by.At),
            _ => null,
        };
        return decided is null ? t : t with { Effects = [.. t.Effects, decided] };
    }

    private static CaseOutcome Submit(CaseRecord c, ActorContext actor, WorkflowContext ctx, string text, bool edited)
    {
        if (c.State is not (CaseState.New or CaseState.Notified or CaseState.Claimed or CaseState.Rejected or CaseState.Failed or CaseState.Escalated))
            return NotNow(c, ctx);
        if (OfficerRefusal(c, actor) is { } refused) return refused;

        var me = Stamp(actor, ctx);
        var before = edited ? ctx.Suggestion : null;
        if (ctx.Policy.WhyRisky(c, ctx.Account, text, ctx.Suggestion, ctx.PreElection) is { } why)
        {
            var approvers = ctx.Managers.Where(m => m != actor.Who.Id).ToList();
            if (approvers.Count == 0)
                return new Refusal(RefusalReason.NoManager, $"This reply needs a manager's approval ({why}), but no other manager is on call or configured. Escalate it instead.");
            return Move(c, CaseState.AwaitingApproval, new CaseLogEntry(DecisionActions.Drafted, before, text, why),
                [new CaseEffect.CardTo(approvers), new CaseEffect.EscalateIfIdle(EscalationKind.Approval, ctx.Now + ctx.Policy.ApproveWithin)],
                r => r with { DraftText = text, Drafted = me, ReplyText = text, Reason = why, Approved = null, Decided = me, FailureReason = null });
        }
        var due = ctx.Now + ctx.Policy.UndoWindow;
        return Move(c, CaseState.Scheduled, new CaseLogEntry(edited ? DecisionActions.Edited : DecisionActions.Approved, before, text),
            [new CaseEffect.PublishAt(due)],
            r => r with
            {
                DraftText = text, Drafted = me, ReplyText = text, Approved = null, Decided = me, ScheduledFor = due,
                ReopenState = c.State is CaseState.Failed or CaseState.New ? CaseState.Notified : c.State, FailureReason = null, Reason = null,
            });
    }

    private static CaseOutcome ManagerApprove(CaseRecord c, ActorContext actor, WorkflowContext ctx, string? edit)
    {
        if (c.State != CaseState.AwaitingApproval) return NotNow(c, ctx);
        if (!actor.IsManager) return new Refusal(RefusalReason.NotAllowed, "Only a manager can approve this reply.");
        if (c.Drafted?.Id == actor.Who.Id) return new Refusal(RefusalReason.SelfApproval, "You wrote this reply, so someone else has to approve it.");
        var me = Stamp(actor, ctx);
        var text = edit ?? c.ReplyText!;
        // A manager who changes the text has written a new reply, and nobody approves their own: if it is still risky,
        // another manager decides on it.
        if (edit is not null && edit != c.ReplyText && ctx.Policy.ManagerEditsNeedSecondManager
            && ctx.Policy.WhyRisky(c, ctx.Account, edit, ctx.Suggestion, ctx.PreElection) is { } why)
        {
            var approvers = ctx.Managers.Where(m => m != actor.Who.Id).ToList();
            if (approvers.Count == 0)
                return new Refusal(RefusalReason.NoManager, $"Your edit makes you its author, so another manager has to approve it ({why}), " +
                    "but no other manager is on call or configured. Approve the reply as it was, or reject it saying what to change.");
            return Move(c, CaseState.AwaitingApproval, new CaseLogEntry(DecisionActions.Drafted, c.ReplyText, edit, why),
                [new CaseEffect.CardTo(approvers), new CaseEffect.EscalateIfIdle(EscalationKind.Approval, ctx.Now + ctx.Policy.ApproveWithin)],
                r => r with { DraftText = edit, Drafted = me, ReplyText = edit, Reason = why, Approved = null, Decided = me });
        }
        var due = ctx.Now + ctx.Policy.UndoWindow;
        return Move(c, CaseState.Scheduled,
            new CaseLogEntry(edit is null ? DecisionActions.ManagerApproved : DecisionActions.ManagerEdited, edit is null ? null : c.ReplyText, text),
            [new CaseEffect.PublishAt(due)],
            r => r with { ReplyText = text, Approved = me, Decided = me, ScheduledFor = due, ReopenState = CaseState.AwaitingApproval, Reason = null });
    }

    private static CaseOutcome Reject(CaseRecord c, ActorContext actor, WorkflowContext ctx, string reason)
    {
        if (c.State != CaseState.AwaitingApproval) return NotNow(c, ctx);
        if (!actor.IsManager) return new Refusal(RefusalReason.NotAllowed, "Only a manager can reject this reply.");
        if (c.Drafted?.Id == actor.Who.Id) return new Refusal(RefusalReason.SelfApproval, "You wrote this reply, so someone else has to decide on it.");
        if (Reason(reason) is not { } why) return ReasonRequired("rejecting");
        var effects = new List<CaseEffect>();
        if (c.Drafted is { } author)
            effects.Add(new CaseEffect.TextTo(author.Id, $"{actor.Who.Name} rejected your reply to case #{c.Id}: {why}\n\nThe case is open again for a new reply."));
        return Move(c, CaseState.Rejected, new CaseLogEntry(DecisionActions.Rejected, c.ReplyText, null, why), effects,
            r => r with { Reason = why, Decided = Stamp(actor, ctx), Approved = null });
    }

    private static CaseOutcome Escalate(CaseRecord c, ActorContext actor, WorkflowContext ctx, string reason)
    {
        if (c.State is not (CaseState.New or CaseState.Notified or CaseState.Claimed or CaseState.Rejected or CaseState.Failed))
            return NotNow(c, ctx);
        if (OfficerRefusal(c, actor) is { } refused) return refused;
        if (Reason(reason) is not { } why) return ReasonRequired("escalating");
        var managers = ctx.Managers.Where(m => m != actor.Who.Id).ToList();
        if (managers.Count == 0) return new Refusal(RefusalReason.NoManager, "No other manager is on call or configured to escalate to.");
        return Move(c, CaseState.Escalated, new CaseLogEntry(DecisionActions.Escalated, Reason: why), [new CaseEffect.CardTo(managers)],
            r => r with { Reason = why, Decided = Stamp(actor, ctx) });
    }

    private static CaseOutcome Dismiss(CaseRecord c, ActorContext actor, WorkflowContext ctx, string reason)
    {
        if (!c.State.IsOpen() || c.State == CaseState.AwaitingApproval) return NotNow(c, ctx);
        if (OfficerRefusal(c, actor) is { } refused) return refused;
        if (Reason(reason) is not { } why) return ReasonRequired("dismissing");
        return Move(c, CaseState.Dismissed, new CaseLogEntry(DecisionActions.Dismissed, Reason: why), [],
            r => r with { Reason = why, Decided = Stamp(actor, ctx) });
    }

    private static CaseOutcome Claim(CaseRecord c, ActorContext actor, WorkflowContext ctx)
    {
        if (c.State is not (CaseState.New or CaseState.Notified)) return NotNow(c, ctx);
        // A team channel may hold people who are not on the rota: only staff who may go on call can own a case.
        if (actor.InTeamChannel && !actor.IsStaff)
            return new Refusal(RefusalReason.NotAllowed, "Only people on the out-of-hours rota can claim a case: ask a rota coordinator to add you.");
        if (!actor.InTeamChannel && OfficerRefusal(c, actor) is { } refused) return refused;
        return Move(c, CaseState.Claimed, new CaseLogEntry(DecisionActions.Claimed), [], r => r with { Claimed = Stamp(actor, ctx) });
    }

    // "I'm on it": the chain stops asking others, but the case must still be answered by its respond-by time (or, when that
    // has passed, within a fresh acknowledge period) or the next layer is paged.
    private static CaseOutcome Acknowledge(CaseRecord c, ActorContext actor, WorkflowContext ctx)
    {
        if (c.State is not (CaseState.New or CaseState.Notified or CaseState.Claimed)) return NotNow(c, ctx);
        if (c.Acknowledged is { } already)
            return new Refusal(RefusalReason.AlreadyHandled, $"{already.Name} is already on it (since {ctx.Time(already.At)}).");
        if (OfficerRefusal(c, actor) is { } refused) return refused;
        var due = c.RespondBy is { } by && by > ctx.Now ? by : ctx.Now + ctx.Policy.AcknowledgeWithin;
        return Move(c, c.State, new CaseLogEntry(DecisionActions.Acknowledged, Detail: Json(new { respondBy = due.ToString() })),
            [new CaseEffect.StopTimer(EscalationKind.Acknowledge, EscalationRules.Acknowledged), new CaseEffect.EscalateIfIdle(EscalationKind.Respond, due)],
            r => r with { Acknowledged = Stamp(actor, ctx) });
    }

    private static CaseOutcome Snooze(CaseRecord c, ActorContext actor, WorkflowContext ctx, int minutes)
    {
        if (c.State is not (CaseState.New or CaseState.Notified or CaseState.Claimed or CaseState.Rejected or CaseState.Failed)) return NotNow(c, ctx);
        if (OfficerRefusal(c, actor) is { } refused) return refused;
        var choices = ctx.Policy.SnoozeChoices(c);
        if (choices.Count == 0) return new Refusal(RefusalReason.NotAllowed, "An emergency can't be snoozed: act on it or escalate it.");
        if (!choices.Contains(minutes))
            return new Refusal(RefusalReason.NotAllowed, $"Snooze for {string.Join(", ", choices)} minutes.");
        var until = ctx.Now + NodaTime.Duration.FromMinutes(minutes);
        return Move(c, c.State, new CaseLogEntry(DecisionActions.Snoozed, Detail: Json(new { minutes, until = until.ToString() })),
            [new CaseEffect.DelayTimers(until)], r => r with { Snoozed = Stamp(actor, ctx), SnoozedUntil = until });
    }

    private static CaseOutcome Undo(CaseRecord c, ActorContext actor, WorkflowContext ctx)
    {
        switch (c.State)
        {
            case CaseState.Sent:
                return new Refusal(RefusalReason.TooLate, $"Too late to undo: the reply was posted at {ctx.Time(c.PublishedAt ?? ctx.Now)}.");
            case CaseState.Publishing:
                return new Refusal(RefusalReason.TooLate, "Too late to undo: the undo window is over and the reply is being posted.");
            case CaseState.Scheduled when ctx.Now >= c.ScheduledFor:
                return new Refusal(RefusalReason.TooLate, $"Too late to undo: the undo window ended at {ctx.Time(c.ScheduledFor!.Value)} and the reply is being posted.");
            case CaseState.Scheduled:
                if (!MayUndo(c, actor))
                    return new Refusal(RefusalReason.NotAllowed, "Only the person who sent it, the officer on call or a manager can undo this reply.");
                return Move(c, c.ReopenState ?? CaseState.Notified, new CaseLogEntry(DecisionActions.Undone, c.ReplyText),
                    c.LeadsStorm && c.StormId is { } storm
                        ? [new CaseEffect.CancelPublish(), new CaseEffect.StormDecided(storm, null, null, Stamp(actor, ctx), ctx.Now)]
                        : [new CaseEffect.CancelPublish()],
                    r => r with { ScheduledFor = null, Decided = null, Approved = null, ReopenState = null });
            default:
                return NotNow(c, ctx);
        }
    }

    private static CaseOutcome Retry(CaseRecord c, ActorContext actor, WorkflowContext ctx)
    {
        if (c.State != CaseState.Failed) return NotNow(c, ctx);
        if (OfficerRefusal(c, actor) is { } refused) return refused;
        // Already approved once: no second undo window, the retry goes out now.
        return Move(c, CaseState.Scheduled, new CaseLogEntry(DecisionActions.Retried, TextAfter: c.ReplyText), [new CaseEffect.PublishAt(ctx.Now)],
            r => r with { Decided = Stamp(actor, ctx), ScheduledFor = ctx.Now, ReopenState = CaseState.Failed, FailureReason = null });
    }

    /// <summary>Officer actions: the officer on call (or whoever claimed it) and managers; escalated cases are the managers'.</summary>
    private static Refusal? OfficerRefusal(CaseRecord c, ActorContext actor)
    {
        if (actor.IsManager) return null;
        if (c.State == CaseState.Escalated) return new Refusal(RefusalReason.NotAllowed, "This case was escalated: only a manager can act on it now.");
        if (c.Claimed is { } claim && claim.Id != actor.Who.Id)
            return new Refusal(RefusalReason.NotAllowed, $"{claim.Name} has claimed this case.");
        // Whoever claimed it keeps it through a rejection or a failed post, not only while it reads "Claimed".
        if (c.Claimed?.Id == actor.Who.Id) return null;
        return actor.ActsAsOfficer ? null : new Refusal(RefusalReason.NotOnCall, NotOnCallMessage);
    }

    private static bool MayUndo(CaseRecord c, ActorContext actor) => actor.Who.Id == c.Decided?.Id || actor.IsManager || actor.ActsAsOfficer;

    private static Refusal NotNow(CaseRecord c, WorkflowContext ctx) => c.State switch
    {
        CaseState.AwaitingApproval => new Refusal(RefusalReason.AlreadyHandled, $"Already handled by {c.Drafted?.Name} at {ctx.Time(c.Drafted?.At ?? ctx.Now)}: the reply is waiting for a manager's approval."),
        _ when !c.State.IsOpen() => AlreadyHandled(c, ctx),
        _ => new Refusal(RefusalReason.NotAllowed, "That can't be done while the case is " + c.State + "."),
    };

    private static Refusal AlreadyHandled(CaseRecord c, WorkflowContext ctx) =>
        c.Decided is { } d
            ? new Refusal(RefusalReason.AlreadyHandled, $"Already handled by {d.Name} at {ctx.Time(d.At)}.")
            : new Refusal(RefusalReason.AlreadyHandled, "This case has already been handled.");

    private static Refusal ReasonRequired(string doing) =>
        new(RefusalReason.ReasonRequired, $"Give a reason (up to {MaxReasonLength} characters) when {doing}.");

    private static Refusal? Text(string text, int limit)
    {
        var reply = ReplyText.Normalise(text);
        if (reply.Length == 0)
            return new Refusal(RefusalReason.EmptyReply, "The reply is empty. Write a reply or approve the suggested one.");
        var length = ReplyText.Length(reply);
        return length > limit ? new Refusal(RefusalReason.TooLong, $"The reply is {length} characters; this account allows {limit}.") : null;
    }

    private static string? Reason(string reason)
    {
        var why = ReplyText.Normalise(reason);
        return why.Length is > 0 and <= MaxReasonLength ? why : null;
    }

    private static Stamp Stamp(ActorContext actor, WorkflowContext ctx) => new(actor.Who.Id, actor.Who.Name, ctx.Now);

    private static Transition Move(CaseRecord c, CaseState to, CaseLogEntry log, IReadOnlyList<CaseEffect> effects, Func<CaseRecord, CaseRecord> change,
        bool newVersion = true) =>
        new(change(c) with { State = to, Version = newVersion ? c.Version + 1 : c.Version }, log, effects);
}
