using NodaTime;
using System.Text.Json;
using static ResponseBot.Domain.Cases.CaseOutcome;

namespace ResponseBot.Domain.Cases;

public static partial class CaseWorkflow
{
    /// <summary>
    /// The system's transitions, next to the human ones: a transition to apply and log, or a refusal when the event
    /// no longer applies (undone before the post, posted already, owned by another message). Pure, like <see cref="Decide"/>.
    /// </summary>
    public static CaseOutcome Apply(CaseRecord c, SystemEvent e, Instant now) => e switch
    {
        // Delivery is not a new version: every copy posted so far stays current, so none of them is refused as stale.
        SystemEvent.CardDelivered d => Move(c, c.State == CaseState.New ? CaseState.Notified : c.State,
            new CaseLogEntry(DecisionActions.Notified, Detail: Json(new { staffId = d.StaffId, messageId = d.MessageId })), [], r => r, newVersion: false)
            with { RefreshCards = false },
        SystemEvent.Rerouted r => Reroute(c, r),
        SystemEvent.CardNotShown n => Move(c, c.State,
            new CaseLogEntry(DecisionActions.Undeliverable, Detail: Json(new { staffId = n.StaffId, reason = n.Reason, told = n.Tell })),
            c.State.IsOpen() ? DeliveryNotices.CardNotShown(c, n) : [], x => x, newVersion: false) with { RefreshCards = false },
        SystemEvent.PublishStarted p => BeginPublish(c, p.OutboxId, now),
        SystemEvent.Published p when c.State == CaseState.Publishing => Move(c, CaseState.Sent,
            new CaseLogEntry(DecisionActions.Published, Detail: Json(new { platformReplyId = p.PlatformReplyId, platformReplyUrl = p.PlatformReplyUrl })), [],
            r => r with { PublishedAt = now, PlatformReplyId = p.PlatformReplyId, PlatformReplyUrl = p.PlatformReplyUrl }),
        SystemEvent.PublishFailed f when c.State == CaseState.Publishing => Move(c, CaseState.Failed,
            new CaseLogEntry(DecisionActions.PublishFailed, Reason: f.Reason), [], r => r with { FailureReason = f.Reason }),
        SystemEvent.HoldingReplyOutcome h => Move(c, c.State,
            new CaseLogEntry(h.Failure is null ? DecisionActions.HoldingReplySent : DecisionActions.HoldingReplyFailed, TextAfter: h.Text,
                Reason: h.Failure, Detail: Json(new { platformReplyId = h.PlatformReplyId })), [],
            r => h.Failure is null ? r with { HoldingReplyId = h.PlatformReplyId } : r, newVersion: false) with { RefreshCards = false },
        SystemEvent.TimerFired t => Move(c, c.State,
            new CaseLogEntry(t.To.Count > 0 ? DecisionActions.EscalatedByTimer : DecisionActions.EscalationExhausted,
                Detail: t.To.Count > 0 ? Json(new { kind = t.Kind.ToString(), step = t.Step, to = t.To }) : Json(new { kind = t.Kind.ToString(), steps = t.Step })),
            [], r => r, newVersion: false) with { RefreshCards = false },
        SystemEvent.MentionEdited edit => Edited(c, edit, now),
        SystemEvent.MentionDeleted d => Deleted(c, d, now),
        SystemEvent.StormDecided s => FromStorm(c, s, now),
        _ => new Refusal(RefusalReason.AlreadyHandled, "The case has moved on: " + c.State + "."),
    };

    // A member still waiting for a person gets what was decided for the storm; one someone has already taken further (a reply
    // of its own waiting for approval or going out, or closed) keeps its own course.
    private static CaseOutcome FromStorm(CaseRecord c, SystemEvent.StormDecided s, Instant now)
    {
        if (c.LeadsStorm || c.State is not (CaseState.New or CaseState.Notified))
            return new Refusal(RefusalReason.AlreadyHandled, "The case has moved on: " + c.State + ".");
        var detail = Json(new { storm = s.StormId });
        if (s.Statement is { } statement)
            return Move(c, CaseState.Scheduled, new CaseLogEntry(DecisionActions.StormStatement, TextAfter: statement, Detail: detail), [new CaseEffect.PublishAt(now)],
                r => r with { DraftText = statement, ReplyText = statement, Drafted = s.By, Decided = s.By, ScheduledFor = now, ReopenState = CaseState.Notified, FailureReason = null });
        return Move(c, CaseState.Dismissed, new CaseLogEntry(DecisionActions.Dismissed, Reason: s.DismissReason, Detail: detail), [],
            r => r with { Reason = s.DismissReason, Decided = s.By });
    }

    // An edit can change what the reply should say: an open case's cards go out of date (a button on one showing the old text
    // is refused as stale), and what the new text raises (an emergency added afterwards) is flagged too.
    private static CaseOutcome Edited(CaseRecord c, SystemEvent.MentionEdited e, Instant now) =>
        e.Text == c.Mention.Text ? new Unchanged(c) : Move(c, c.State, new CaseLogEntry(DecisionActions.MentionEdited, c.Mention.Text, e.Text), [],
            r => r with
            {
                Mention = r.Mention with { Text = e.Text }, EditedAt = now,
                Flags = r.Flags.Union((e.Triage ?? Triage.TriageRules.Default.Evaluate(e.Text)).Flags).ToList(),
                Tags = r.Tags.Union(e.Triage?.Tags ?? []).ToList(),
            },
            newVersion: c.State.IsOpen());

    // A deleted mention can't be answered: an open case closes (a reply waiting out its undo window is not posted), and
    // the text stays in the case and the log as evidence. A case already answered only records it.
    private static CaseOutcome Deleted(CaseRecord c, SystemEvent.MentionDeleted d, Instant now)
    {
        if (c.DeletedAt is not null) return new Unchanged(c);
        var log = new CaseLogEntry(DecisionActions.MentionDeleted, Reason: $"deleted by its author on {d.PlatformName}");
        if (!(c.State.IsOpen() || c.State == CaseState.Scheduled))
            return Move(c, c.State, log, [], r => r with { DeletedAt = now }, newVersion: false);
        return Move(c, CaseState.Dismissed, log, c.State == CaseState.Scheduled ? [new CaseEffect.CancelPublish()] : [],
            r => r with { DeletedAt = now, Reason = log.Reason, ScheduledFor = null });
    }

    // Only a case someone still has to decide on is offered to the next person.
    // Only a case someone still has to decide on is offered to the next person; with nobody left, the managers hear of it.
    private static CaseOutcome Reroute(CaseRecord c, SystemEvent.Rerouted r)
    {
        var to = c.State.IsOpen() ? r.To : null;
        var told = c.State.IsOpen() && to is null ? r.Tell : [];
        return Move(c, c.State, new CaseLogEntry(DecisionActions.Undeliverable, Detail: Json(new { staffId = r.StaffId, reason = r.Reason, reroutedTo = to, told })),
            to is not null ? [new CaseEffect.CardTo([to])] : DeliveryNotices.NobodyReachable(c, r, told), x => x, newVersion: false) with { RefreshCards = false };
    }

    /// <summary>Whether the holding reply still says something useful: not once the case has been answered or closed.</summary>
    public static bool WantsHoldingReply(CaseRecord c) => c.State is not (CaseState.Sent or CaseState.Publishing or CaseState.Dismissed);

    // The undo window closes here: an undo and this step race on the row, and only one can win. The message that
    // already owns a Publishing case (its earlier attempt failed) may carry on; any other may not.
    private static CaseOutcome BeginPublish(CaseRecord c, long outboxId, Instant now) => c.State switch
    {
        CaseState.Scheduled when c.ScheduledFor <= now => Move(c, CaseState.Publishing, new CaseLogEntry(DecisionActions.Publishing), [],
            r => r with { PublishOutboxId = outboxId }) with { RefreshCards = false },
        CaseState.Publishing when c.PublishOutboxId == outboxId => new Unchanged(c),
        _ => new Refusal(RefusalReason.AlreadyHandled, "Nothing to post: the reply was undone, is not due, or is another message's."),
    };

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
