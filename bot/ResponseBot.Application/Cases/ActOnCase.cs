using ResponseBot.Domain;
using NodaTime;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Cases;

/// <summary>
/// A press of a case card's button, read from the card: which case (null: the card names none), what to do (null: only
/// show it, when <paramref name="IsView"/>; otherwise a button nobody knows), a saved reply's name.
/// </summary>
public sealed record CaseAction(ChatInteraction.CardAction Interaction, long? CaseId, CaseCommand? Command, string? Template, string Verb, bool IsView)
{
    /// <summary>False for a verb no card of ours carries.</summary>
    public bool Recognised { get; init; } = true;
}

/// <summary>
/// Every case card verb — approve, edit, escalate, dismiss, claim, four-eyes approval, reject, undo, retry — and the views
/// that change nothing (refresh, a saved reply picked). One unit of work: who the actor is for this case, the decision,
/// the case, its log entry and effects, and the refreshed card answered at once (a click that changed nothing and recorded
/// nothing has its note written just after, with other clicks'). Anything slow is left to the outbox.
/// </summary>
public sealed class ActOnCase(IUnitOfWorkFactory db, CaseViews views, RotaConfig rota, RoutingSettings routing, AttemptNotes attempts,
    Metrics.ResponseBotMetrics metrics, TimeProvider clock, ILogger<ActOnCase> log)
{
    public static readonly InteractionReply Unrecognised = new InteractionReply.Error(400, "BadRequest", "This button isn't recognised. The card may be out of date.");

    public async Task<InteractionReply> RunAsync(CaseAction action, CancellationToken ct)
    {
        var a = action.Interaction;
        var now = clock.Now();
        // A refresh or a saved reply picked, answered with a card in place, writes nothing; answered in chat instead (no
        // Universal Actions), a repeat must not say it twice, so it is recorded.
        var record = !(action.IsView && a.CanReplaceCard);
        // Answered with a card in place, a click is recorded as handled only if it acts (under the case's lock, as it acts):
        // most clicks under load change nothing (an Approve on a case already approved), and a repeat of one of those is
        // refused again, which changes nothing either. Recording each was the largest write of such a click.
        var recordNow = record && !a.CanReplaceCard;
        // Such a click reads before it begins a transaction, and begins one only to act: one that only reads, or is refused
        // with a note of one statement, ends without a commit's round trip.
        var written = new Written { Began = recordNow || Unreadable(action) is not null };
        InteractionReply reply;
        await using (var uow = written.Began ? await db.BeginAsync(ct) : await db.ReadFirstAsync(ct))
        {
            bool first;
            if (Unreadable(action) is { } refused)
            {
                first = await ChatRequest.BeginAsync(uow, a, now, log, ct, recordActivity: record);
                reply = refused;
            }
            else
            {
                var reads = await uow.Clicks.ReadAsync(new CaseClickQuery(action.CaseId!.Value, record ? a.ActivityKey : null, recordNow, a.Address,
                    DutyReader.Around(now), views.Today(), CaseViews.ThreadShown), now, ct);
                first = reads.FirstTime;
                if (!first) log.LogInformation("Activity {ActivityKey} was already handled: answering without acting again", a.ActivityKey);
                reply = await DecideAsync(uow, action, reads, first, recordNow, written, now, ct);
            }
            reply = await ChatRequest.AnswerAsync(uow, a, first, reply, "", postCard: false, now, ct);
            // Clicks on a card whose case has moved on (a repeated Approve, a stale edit) change nothing, so their note need
            // not wait for the disk. One that recorded the click as handled (answered in chat, or refused once it had the
            // case's lock) goes with that record, so a retry never finds the click handled without its note.
            if (written.Attempt is { } note && written.Began) await uow.CommitAttemptsAsync([note], ct);
            else await uow.CommitAsync(ct);
        }
        // One that recorded nothing is written with other clicks' notes, once this click's connection is back in the pool
        // (the writers need one): a retry of the click is decided again if this never commits.
        // The click does nothing more in the database itself: it waits for the writer, so its place goes to the next activity.
        if (written.Attempt is { } alone && !written.Began)
        {
            ActivityTurn.GiveUp();
            await attempts.WriteAsync(alone, ct);
        }
        if (written.Transitions.Any(t => t.Log.Action == DecisionActions.Escalated)) metrics.Escalated(Metrics.EscalationSource.Manager);
        return reply;
    }

    /// <summary>What a click wrote, read when its unit of work commits.</summary>
    private sealed class Written
    {
        public List<CaseOutcome.Transition> Transitions { get; } = [];

        /// <summary>Whether the unit of work began its transaction (it then may hold the record of the click as handled).</summary>
        public bool Began { get; set; }

        /// <summary>The note of a click refused for the case's state or what was typed, all it writes: nothing changed.</summary>
        public DecisionEntry? Attempt { get; set; }
    }

    /// <summary>A press that can't be about a case: a button nobody knows, or a card naming none.</summary>
    private static InteractionReply? Unreadable(CaseAction action) =>
        !action.Recognised ? Unrecognised
        : action.CaseId is null ? new InteractionReply.Error(400, "BadRequest", "This card doesn't name a case.")
        : action.Command is null && !action.IsView ? Unrecognised
        : null;

    /// <param name="reads">Everything read before deciding, in one round trip.</param>
    /// <param name="written">Gets what was written and whether the unit of work began, for how it commits and what is recorded once it has.</param>
    /// <param name="recorded">Whether the activity was recorded as handled with the reads; if not, it is as the click acts.</param>
    private async Task<InteractionReply> DecideAsync(IUnitOfWork uow, CaseAction action, CaseClickReads reads, bool first, bool recorded,
        Written written, Instant now, CancellationToken ct)
    {
        var a = action.Interaction;
        if (reads.Case is not { } current)
            return new InteractionReply.Error(404, "NotFound", "This case no longer exists.");
        var duty = DutyReader.Duty(rota, reads.Overrides, reads.Takeovers, now);
        var escalatedTo = reads.EscalatedTo;
        // Only the channel cases are routed to counts, proven by the authenticated activity's conversation.
        var inChannel = a.TeamChannelId is { } fromChannel && await routing.ChannelAsync(uow, ct) is { } channel && channel.ConversationId == fromChannel;
        var holders = reads.Cards.Select(p => p.StaffId).ToHashSet();
        var actor = CaseActors.For(a.Actor, duty, rota, escalatedTo, inChannel, holders);
        // Before any answer about the case — stale card, already handled — so a stranger learns nothing, not even its state.
        // Staff are told how to get it (go on call); anyone else gets a card that says nothing about it.
        if (!CaseWorkflow.MaySee(current, actor))
        {
            var reason = actor.IsStaff ? RefusalReason.NotOnCall.ToString() : "NoAccess";
            log.LogWarning("{StaffId} may not see case {CaseId} ({Verb}): {Reason}", a.Actor.Id, current.Id, action.Verb, reason);
            if (first) await uow.Log.AppendAsync(new DecisionEntry(current.Id, now, a.Actor.Id, a.Actor.Name, DecisionActions.Refused,
                Detail: System.Text.Json.JsonSerializer.Serialize(new { verb = action.Verb }), Reason: reason, CardVersion: action.Command?.SeenVersion), ct);
            return actor.IsStaff ? new InteractionReply.Info(CaseWorkflow.NotOnCallMessage) : new InteractionReply.Card(views.NoAccess());
        }
        // A card in a team channel is everyone's: it is drawn as the channel's view, not the presser's.
        var (viewer, viewedBy) = a.TeamChannelId is { } channelId
            ? (new CardViewer(TeamChannel.RecipientPrefix + channelId, null), (ActorContext?)null)
            : (new CardViewer(a.Actor.Id, a.Address.ChannelUserId), actor);
        var thread = await views.ThreadAsync(uow, current, reads.Conversation, ct);
        var preElection = views.PreElection(current, reads.Elections);
        InteractionReply Card(CaseRecord c, string? notice = null, string? template = null) =>
            new InteractionReply.Card(views.Render(c, viewer, viewedBy ?? CaseActors.Channel(c, viewer.StaffId), thread, notice, template, preElection: preElection).Card);

        // Views that change nothing: a repeated invoke, a refresh, or picking a saved reply.
        if (!first || action.Command is not { } command) return Card(current, template: action.Template);

        var context = views.Context(current, duty, a.Actor.Id, action.Template, preElection);
        var decision = CaseWorkflow.Decide(current, actor, command, context);
        if (decision is CaseOutcome.Transition)
        {
            // Refused clicks (repeated, crossing, too late) are decided without locking the case, so they never queue behind
            // one another. Acting locks it, so a system step recorded meanwhile (a holding reply's id) is neither lost nor
            // overwritten, and decides again on the case as it now is, with who may act on it as it now is (an escalation or
            // a delivered card, recorded under the same lock, changes that).
            await uow.BeginAsync(ct);
            written.Began = true;
            var locked = await uow.Clicks.LockAsync(current.Id, recorded ? null : a.ActivityKey, now, ct);
            if (locked.Case is null) return new InteractionReply.Error(404, "NotFound", "This case no longer exists.");
            current = locked.Case;
            // The same activity (Teams retrying it) acted first while this one read: it is answered as the repeat it is.
            if (!locked.FirstTime)
            {
                log.LogInformation("Activity {ActivityKey} was already handled: answering without acting again", a.ActivityKey);
                return Card(current, template: action.Template);
            }
            escalatedTo = locked.EscalatedTo;
            holders = locked.Cards.Select(p => p.StaffId).ToHashSet();
            actor = CaseActors.For(a.Actor, duty, rota, escalatedTo, inChannel, holders);
            if (viewedBy is not null) viewedBy = actor;
            context = views.Context(current, duty, a.Actor.Id, action.Template, preElection);
            decision = CaseWorkflow.Decide(current, actor, command, context);
        }
        switch (decision)
        {
            case CaseOutcome.Refusal refusal:
                // Who may act is a security matter; a card the case moved on from is an everyday race, not a warning.
                log.Log(refusal.AboutTheActor ? LogLevel.Warning : LogLevel.Information, "Refused {Verb} on case {CaseId} by {StaffId}: {Reason}",
                    action.Verb, current.Id, a.Actor.Id, refusal.Reason);
                var note = new DecisionEntry(current.Id, now, a.Actor.Id, a.Actor.Name, DecisionActions.Refused,
                    Detail: System.Text.Json.JsonSerializer.Serialize(new { verb = action.Verb }), Reason: refusal.Reason.ToString(), CardVersion: command.SeenVersion);
                // Written with the commit, or with other clicks' notes after it; a refusal of who is asking is written now, and kept as surely as a change.
                if (refusal.AboutTheActor) await uow.Log.AppendAsync(note, ct);
                else written.Attempt = note;
                return refusal.AboutTheActor
                    ? new InteractionReply.Info(refusal.Message)
                    : Card(current, refusal.Message, action.Template);
            case CaseOutcome.Transition transition when await CaseChanges.CommitAsync(uow, current, transition, a.Actor, now, ct, command.SeenVersion):
                log.LogInformation("Case {CaseId}: {Action} by {StaffId} ({From} → {To})", current.Id, transition.Log.Action, a.Actor.Id, current.State, transition.After.State);
                written.Transitions.Add(transition);
                return Card(transition.After);
            default:
                log.LogInformation("{StaffId} lost the race on case {CaseId}", a.Actor.Id, current.Id);
                var latest = await uow.Cases.GetAsync(current.Id, ct) ?? current;
                var lost = CaseWorkflow.Decide(latest, actor, command with { SeenVersion = current.Version }, context) as CaseOutcome.Refusal;
                return Card(latest, lost?.Message ?? "Someone else acted on this case at the same time.");
        }
    }
}
