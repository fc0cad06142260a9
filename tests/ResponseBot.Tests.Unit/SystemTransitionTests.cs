using ResponseBot.Testing;
using NodaTime;
using ResponseBot.Domain.Cases;
using static ResponseBot.Domain.Cases.SystemEvent;

namespace ResponseBot.Tests.Unit;

/// <summary>The system's side of the case state machine: delivery, publishing, rerouting, timers, holding replies.</summary>
public sealed class SystemTransitionTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 23, 0);

    private static CaseRecord Case(CaseState state, Instant? scheduledFor = null, long? outbox = null) => new()
    {
        Id = 7,
        Mention = new Mention("acc", "ext", new Author("resident", "Sam Resident", null), "The bins weren't collected", null, Now.AddMinutes(-5), null),
        ReceivedAt = Now.AddMinutes(-5),
        State = state,
        Version = 3,
        ReplyText = "We'll look into it.",
        ScheduledFor = scheduledFor,
        PublishOutboxId = outbox,
    };

    private static CaseOutcome.Transition Moves(CaseOutcome outcome) => Assert.IsType<CaseOutcome.Transition>(outcome);

    [Fact]
    public void A_delivered_card_makes_a_new_case_Notified_without_a_new_version_so_no_posted_copy_goes_stale()
    {
        var t = Moves(CaseWorkflow.Apply(Case(CaseState.New), new CardDelivered("alex", "m-1"), Now));
        Assert.Equal(CaseState.Notified, t.After.State);
        Assert.Equal(3, t.After.Version);
        Assert.Equal(DecisionActions.Notified, t.Log.Action);
        Assert.Contains("\"messageId\":\"m-1\"", t.Log.Detail);
        Assert.False(t.RefreshCards);
    }

    [Fact]
    public void A_card_delivered_for_a_case_already_moving_on_only_records_the_delivery()
    {
        var scheduled = Case(CaseState.Scheduled, Now.AddSeconds(30));
        var t = Moves(CaseWorkflow.Apply(scheduled, new CardDelivered("megan", "m-2"), Now));
        Assert.Equal(scheduled, t.After);
        Assert.Empty(t.Effects);
    }

    [Fact]
    public void Publishing_starts_only_once_the_undo_window_is_over_and_only_for_one_outbox_message()
    {
        Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Apply(Case(CaseState.Scheduled, Now.AddSeconds(1)), new PublishStarted(9), Now));
        var t = Moves(CaseWorkflow.Apply(Case(CaseState.Scheduled, Now), new PublishStarted(9), Now));
        Assert.Equal(CaseState.Publishing, t.After.State);
        Assert.Equal(9, t.After.PublishOutboxId);
        Assert.Equal(4, t.After.Version);
        Assert.Equal(DecisionActions.Publishing, t.Log.Action);

        // The same message retrying carries on, without logging again; any other message may not post it.
        Assert.Same(t.After, Assert.IsType<CaseOutcome.Unchanged>(CaseWorkflow.Apply(t.After, new PublishStarted(9), Now)).Case);
        Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Apply(t.After, new PublishStarted(10), Now));
        // Undone first: nothing to post.
        Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Apply(Case(CaseState.Notified), new PublishStarted(9), Now));
    }

    [Fact]
    public void A_post_ends_Sent_with_the_platform_id_or_Failed_with_the_reason_and_every_copy_is_refreshed()
    {
        var publishing = Case(CaseState.Publishing, Now, outbox: 9);
        var sent = Moves(CaseWorkflow.Apply(publishing, new Published("p-1", "https://x.com/p-1"), Now));
        Assert.Equal((CaseState.Sent, "p-1", "https://x.com/p-1", (Instant?)Now),
            (sent.After.State, sent.After.PlatformReplyId, sent.After.PlatformReplyUrl, sent.After.PublishedAt));
        Assert.True(sent.RefreshCards);

        var failed = Moves(CaseWorkflow.Apply(publishing, new PublishFailed("reply receiver answered 422"), Now));
        Assert.Equal(CaseState.Failed, failed.After.State);
        Assert.Equal("reply receiver answered 422", failed.After.FailureReason);
        Assert.Equal("reply receiver answered 422", failed.Log.Reason);

        // A late duplicate outcome can't rewrite a finished case.
        Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Apply(sent.After, new PublishFailed("late"), Now));
    }

    [Fact]
    public void An_unreachable_officers_case_goes_to_the_next_person_only_while_someone_still_has_to_decide()
    {
        var open = Moves(CaseWorkflow.Apply(Case(CaseState.Notified), new Rerouted("alex", "blocked", "megan", ["mia"]), Now));
        Assert.Equal(new CaseEffect.CardTo(["megan"]).StaffIds, Assert.IsType<CaseEffect.CardTo>(Assert.Single(open.Effects)).StaffIds);
        Assert.Equal(DecisionActions.Undeliverable, open.Log.Action);

        var closed = Moves(CaseWorkflow.Apply(Case(CaseState.Sent), new Rerouted("alex", "blocked", "megan", ["mia"]), Now));
        Assert.Empty(closed.Effects);
        Assert.Contains("\"reroutedTo\":null", closed.Log.Detail);
    }

    [Fact]
    public void With_nobody_left_to_reach_the_managers_are_told_in_a_short_notice_without_public_text()
    {
        var t = Moves(CaseWorkflow.Apply(Case(CaseState.Notified), new Rerouted("alex", "connector answered 403", null, ["mia", "adele"], "Alex Wilber"), Now));
        var notices = t.Effects.Cast<CaseEffect.TextTo>().ToList();
        Assert.Equal(["mia", "adele"], notices.Select(n => n.StaffId));
        Assert.All(notices, n => Assert.Contains("Case #7 could not reach Alex Wilber (connector answered 403)", n.Text));
        Assert.All(notices, n => Assert.DoesNotContain("bins", n.Text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"told\":[\"mia\",\"adele\"]", t.Log.Detail);

        Assert.Empty(Moves(CaseWorkflow.Apply(Case(CaseState.Sent), new Rerouted("alex", "blocked", null, ["mia"]), Now)).Effects);
    }

    [Fact]
    public void A_card_that_cannot_be_shown_tells_its_recipient_and_the_manager_on_duty_and_is_logged()
    {
        var t = Moves(CaseWorkflow.Apply(Case(CaseState.New), new CardNotShown("alex", "connector answered 413 (MessageSizeTooBig)", ["mia"], "Alex Wilber"), Now));
        Assert.Equal(CaseState.New, t.After.State);
        Assert.Equal(3, t.After.Version);
        Assert.Equal(DecisionActions.Undeliverable, t.Log.Action);
        var notices = t.Effects.Cast<CaseEffect.TextTo>().ToDictionary(n => n.StaffId, n => n.Text);
        Assert.Equal(["alex", "mia"], notices.Keys.Order());
        Assert.StartsWith("Case #7 needs a response, but its card could not be shown here (connector answered 413 (MessageSizeTooBig)). The manager on duty has been told.", notices["alex"]);
        Assert.StartsWith("Case #7's card could not be shown to Alex Wilber", notices["mia"]);
        Assert.DoesNotContain("bins", string.Concat(notices.Values), StringComparison.OrdinalIgnoreCase);

        // A manager who is the recipient gets one notice, not two; a case handled meanwhile needs nobody told.
        Assert.Single(Moves(CaseWorkflow.Apply(Case(CaseState.New), new CardNotShown("mia", "too big", ["mia"]), Now)).Effects);
        Assert.Empty(Moves(CaseWorkflow.Apply(Case(CaseState.Sent), new CardNotShown("alex", "too big", ["mia"]), Now)).Effects);
    }

    [Fact]
    public void A_timer_firing_is_logged_as_an_escalation_or_as_the_rounds_running_out()
    {
        var fired = Moves(CaseWorkflow.Apply(Case(CaseState.Notified), new TimerFired(EscalationKind.Acknowledge, 1, ["sam"]), Now));
        Assert.Equal(DecisionActions.EscalatedByTimer, fired.Log.Action);
        var exhausted = Moves(CaseWorkflow.Apply(Case(CaseState.Notified), new TimerFired(EscalationKind.Acknowledge, 5, []), Now));
        Assert.Equal(DecisionActions.EscalationExhausted, exhausted.Log.Action);
        Assert.Equal(CaseState.Notified, exhausted.After.State);
    }

    [Fact]
    public void A_holding_reply_is_recorded_with_its_platform_id_and_is_not_wanted_once_the_case_is_answered()
    {
        var t = Moves(CaseWorkflow.Apply(Case(CaseState.Notified), new HoldingReplyOutcome("We'll be back at 09:00.", "h-1", null), Now));
        Assert.Equal("h-1", t.After.HoldingReplyId);
        Assert.Equal(DecisionActions.HoldingReplySent, t.Log.Action);
        var failed = Moves(CaseWorkflow.Apply(Case(CaseState.Notified), new HoldingReplyOutcome("We'll be back at 09:00.", null, "gone"), Now));
        Assert.Equal(DecisionActions.HoldingReplyFailed, failed.Log.Action);
        Assert.Null(failed.After.HoldingReplyId);

        Assert.True(CaseWorkflow.WantsHoldingReply(Case(CaseState.Notified)));
        Assert.False(CaseWorkflow.WantsHoldingReply(Case(CaseState.Sent)));
        Assert.False(CaseWorkflow.WantsHoldingReply(Case(CaseState.Dismissed)));
    }
}
