using ResponseBot.Testing;
using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Replies;
using static ResponseBot.Domain.Cases.CaseCommand;

namespace ResponseBot.Tests.Unit;

/// <summary>Every transition of the case state machine, and every refusal.</summary>
public sealed class CaseWorkflowTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 23, 0);
    private static readonly Account Account = new("acc", Platform.X, "ExampleCouncil");
    private static readonly ActorContext Officer = new(new StaffMember("alex", "Alex Wilber"), IsOfficerOnCall: true, IsManager: false);
    private static readonly ActorContext NotOnCall = new(new StaffMember("sam", "Sam Other"), IsOfficerOnCall: false, IsManager: false);
    private static readonly ActorContext Manager = new(new StaffMember("megan", "Megan Bowen"), IsOfficerOnCall: false, IsManager: true);
    private static readonly ActorContext OtherManager = new(new StaffMember("adele", "Adele Vance"), IsOfficerOnCall: false, IsManager: true);

    private static CaseRecord Case(CaseState state = CaseState.Notified, IReadOnlyList<string>? flags = null) => new()
    {
        Id = 7,
        Mention = new Mention("acc", "ext", new Author("resident", "Sam Resident", null), "The bins weren't collected", null, Now.AddMinutes(-5), null),
        ReceivedAt = Now.AddMinutes(-5),
        State = state,
        Version = 3,
        Flags = flags ?? [],
    };

    private static WorkflowContext Context(ReplyPolicy? policy = null, IReadOnlyList<string>? managers = null, Instant? now = null) =>
        new(Account, policy ?? new ReplyPolicy(), ReplyTemplates.SuggestFor(Case().Mention, Account), managers ?? ["megan", "adele"], DateTimeZone.Utc, now ?? Now);

    private static CaseOutcome.Transition Moves(CaseOutcome outcome) => Assert.IsType<CaseOutcome.Transition>(outcome);

    private static CaseOutcome.Refusal Refused(CaseOutcome outcome, RefusalReason reason)
    {
        var refusal = Assert.IsType<CaseOutcome.Refusal>(outcome);
        Assert.Equal(reason, refusal.Reason);
        return refusal;
    }

    private static CaseRecord Decide(CaseRecord c, ActorContext actor, CaseCommand command, WorkflowContext? ctx = null) =>
        Moves(CaseWorkflow.Decide(c, actor, command, ctx ?? Context())).After;

    [Theory]
    [InlineData(CaseState.New)]
    [InlineData(CaseState.Notified)]
    [InlineData(CaseState.Rejected)]
    public void Approving_schedules_the_suggestion_inside_the_undo_window(CaseState from)
    {
        var t = Moves(CaseWorkflow.Decide(Case(from), Officer, new Approve(7, 3), Context()));
        Assert.Equal(CaseState.Scheduled, t.After.State);
        Assert.Equal(4, t.After.Version);
        Assert.StartsWith("Hi @resident", t.After.ReplyText);
        Assert.Equal(Now.AddSeconds(30), t.After.ScheduledFor);
        Assert.Equal(new Stamp("alex", "Alex Wilber", Now), t.After.Decided);
        Assert.Equal(new CaseEffect.PublishAt(Now.AddSeconds(30)), Assert.Single(t.Effects));
        Assert.Equal(DecisionActions.Approved, t.Log.Action);
    }

    [Fact]
    public void Editing_then_sending_schedules_the_normalised_text_and_logs_before_and_after()
    {
        var t = Moves(CaseWorkflow.Decide(Case(), Officer, new SendEdited(7, 3, "  Thanks!\r\nOn it.\u0007 "), Context()));
        Assert.Equal(("Thanks!\nOn it.", CaseState.Scheduled), (t.After.ReplyText, t.After.State));
        Assert.Equal(DecisionActions.Edited, t.Log.Action);
        Assert.StartsWith("Hi @resident", t.Log.TextBefore);
        Assert.Equal("Thanks!\nOn it.", t.Log.TextAfter);
    }

    [Theory]
    [InlineData("political")]
    [InlineData("media")]
    [InlineData("personal-data")]
    public void A_risky_reply_goes_to_the_managers_instead_of_out(string flag)
    {
        var t = Moves(CaseWorkflow.Decide(Case(flags: [flag]), Officer, new Approve(7, 3), Context()));
        Assert.Equal(CaseState.AwaitingApproval, t.After.State);
        Assert.Equal($"the mention is flagged {flag}", t.After.Reason);
        Assert.Equal("alex", t.After.Drafted!.Id);
        Assert.Equal(new CaseEffect.CardTo(["megan", "adele"]), t.Effects[0], new EffectComparer());
        // Nobody approving in time is escalated: the timer starts with the request.
        Assert.Equal(new CaseEffect.EscalateIfIdle(EscalationKind.Approval, Context().Now + Context().Policy.ApproveWithin), t.Effects[1]);
        Assert.Equal(2, t.Effects.Count);
        Assert.Equal(DecisionActions.Drafted, t.Log.Action);
    }

    [Fact]
    public void Adding_a_link_media_accounts_and_the_pre_election_period_make_replies_risky()
    {
        Assert.Equal(CaseState.AwaitingApproval, Decide(Case(), Officer, new SendEdited(7, 3, "See https://example.gov.uk/bins")).State);
        var media = Context() with { Account = Account with { RequiresApproval = true } };
        Assert.Equal(CaseState.AwaitingApproval, Decide(Case(), Officer, new Approve(7, 3), media).State);
        var pcc = new ResponseBot.Domain.Elections.ElectionPeriod(3, "PCC election 2027", new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), []);
        var during = Decide(Case(), Officer, new Approve(7, 3), Context() with { PreElection = pcc });
        Assert.Equal((CaseState.AwaitingApproval, "it is the pre-election period (PCC election 2027)"), (during.State, during.Reason));
        var unnamed = Decide(Case(), Officer, new Approve(7, 3), Context() with { PreElection = pcc with { Name = "" } });
        Assert.Equal("it is the pre-election period", unnamed.Reason);
        Assert.Equal(CaseState.Scheduled, Decide(Case(), Officer, new Approve(7, 3), Context()).State);
    }

    [Fact]
    public void A_risky_reply_with_no_other_manager_to_approve_it_is_refused()
    {
        Refused(CaseWorkflow.Decide(Case(flags: ["media"]), Officer, new Approve(7, 3), Context(managers: [])), RefusalReason.NoManager);
        // A manager drafting a risky reply needs a *different* manager.
        Refused(CaseWorkflow.Decide(Case(flags: ["media"]), Manager, new Approve(7, 3), Context(managers: ["megan"])), RefusalReason.NoManager);
    }

    [Fact]
    public void A_manager_approves_and_the_reply_is_scheduled_with_the_approver_recorded()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        var t = Moves(CaseWorkflow.Decide(awaiting, Manager, new ManagerApprove(7, awaiting.Version), Context()));
        Assert.Equal(CaseState.Scheduled, t.After.State);
        Assert.Equal(("megan", "alex"), (t.After.Approved!.Id, t.After.Drafted!.Id));
        Assert.Equal(DecisionActions.ManagerApproved, t.Log.Action);
    }

    [Fact]
    public void A_manager_can_edit_and_approve()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        // Where the organisation allows a manager to edit and approve in one step.
        var oneStep = Context(new ReplyPolicy { ManagerEditsNeedSecondManager = false });
        var t = Moves(CaseWorkflow.Decide(awaiting, Manager, new ManagerEditApprove(7, awaiting.Version, "Shorter, kinder."), oneStep));
        Assert.Equal(("Shorter, kinder.", CaseState.Scheduled), (t.After.ReplyText, t.After.State));
        Assert.Equal((awaiting.ReplyText, "Shorter, kinder."), (t.Log.TextBefore, t.Log.TextAfter));
    }

    [Fact]
    public void A_managers_edit_of_a_risky_reply_makes_them_its_author_and_another_manager_approves_it()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        var t = Moves(CaseWorkflow.Decide(awaiting, Manager, new ManagerEditApprove(7, awaiting.Version, "Shorter, kinder."), Context()));
        Assert.Equal((CaseState.AwaitingApproval, "megan", "Shorter, kinder."), (t.After.State, t.After.Drafted!.Id, t.After.ReplyText));
        Assert.Equal(new CaseEffect.CardTo(["adele"]).StaffIds, Assert.IsType<CaseEffect.CardTo>(t.Effects[0]).StaffIds);
        Assert.Equal(DecisionActions.Drafted, t.Log.Action);
        // Megan can't now approve her own words; Adele can.
        Refused(CaseWorkflow.Decide(t.After, Manager, new ManagerApprove(7, t.After.Version), Context()), RefusalReason.SelfApproval);
        Assert.Equal(CaseState.Scheduled, Decide(t.After, OtherManager, new ManagerApprove(7, t.After.Version)).State);
        // With no other manager to ask, the edit is refused, not approved by its author.
        Refused(CaseWorkflow.Decide(awaiting, Manager, new ManagerEditApprove(7, awaiting.Version, "Shorter, kinder."), Context(managers: ["megan"])), RefusalReason.NoManager);
    }

    [Fact]
    public void The_author_of_a_reply_can_never_approve_or_reject_it_even_as_a_manager()
    {
        var awaiting = Decide(Case(flags: ["media"]), Manager, new Approve(7, 3));
        Assert.Equal("megan", awaiting.Drafted!.Id);
        Refused(CaseWorkflow.Decide(awaiting, Manager, new ManagerApprove(7, awaiting.Version), Context()), RefusalReason.SelfApproval);
        Refused(CaseWorkflow.Decide(awaiting, Manager, new ManagerEditApprove(7, awaiting.Version, "x"), Context()), RefusalReason.SelfApproval);
        Refused(CaseWorkflow.Decide(awaiting, Manager, new Reject(7, awaiting.Version, "no"), Context()), RefusalReason.SelfApproval);
        Assert.Equal(CaseState.Scheduled, Decide(awaiting, OtherManager, new ManagerApprove(7, awaiting.Version)).State);
    }

    [Fact]
    public void Only_managers_approve_or_reject()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        Refused(CaseWorkflow.Decide(awaiting, NotOnCall, new ManagerApprove(7, awaiting.Version), Context()), RefusalReason.NotAllowed);
        Refused(CaseWorkflow.Decide(awaiting, Officer with { Who = new StaffMember("other", "Other") }, new Reject(7, awaiting.Version, "x"), Context()), RefusalReason.NotAllowed);
    }

    [Fact]
    public void Rejecting_needs_a_reason_reopens_the_case_and_tells_the_author()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        Refused(CaseWorkflow.Decide(awaiting, Manager, new Reject(7, awaiting.Version, "  "), Context()), RefusalReason.ReasonRequired);
        var t = Moves(CaseWorkflow.Decide(awaiting, Manager, new Reject(7, awaiting.Version, "Not during purdah."), Context()));
        Assert.Equal((CaseState.Rejected, "Not during purdah."), (t.After.State, t.After.Reason));
        var text = Assert.IsType<CaseEffect.TextTo>(Assert.Single(t.Effects));
        Assert.Equal("alex", text.StaffId);
        Assert.Contains("Megan Bowen rejected your reply to case #7: Not during purdah.", text.Text);
        // ...and the officer can write another (still flagged media, so it goes back for approval).
        var redraft = Decide(t.After, Officer, new SendEdited(7, t.After.Version, "Thanks for raising this."));
        Assert.Equal((CaseState.AwaitingApproval, "Thanks for raising this."), (redraft.State, redraft.ReplyText));
    }

    [Fact]
    public void Escalating_needs_a_reason_and_sends_the_card_to_the_managers_who_then_own_it()
    {
        Refused(CaseWorkflow.Decide(Case(), Officer, new Escalate(7, 3, ""), Context()), RefusalReason.ReasonRequired);
        var t = Moves(CaseWorkflow.Decide(Case(), Officer, new Escalate(7, 3, "Threat to staff"), Context()));
        Assert.Equal((CaseState.Escalated, "Threat to staff"), (t.After.State, t.After.Reason));
        Assert.IsType<CaseEffect.CardTo>(Assert.Single(t.Effects));
        Refused(CaseWorkflow.Decide(t.After, Officer, new Approve(7, t.After.Version), Context()), RefusalReason.NotAllowed);
        Assert.Equal(CaseState.Scheduled, Decide(t.After, Manager, new Approve(7, t.After.Version)).State);
        Refused(CaseWorkflow.Decide(Case(), Officer, new Escalate(7, 3, "x"), Context(managers: [])), RefusalReason.NoManager);
    }

    [Fact]
    public void Dismissing_needs_a_reason_and_is_final()
    {
        Refused(CaseWorkflow.Decide(Case(), Officer, new Dismiss(7, 3, " "), Context()), RefusalReason.ReasonRequired);
        var dismissed = Decide(Case(), Officer, new Dismiss(7, 3, "Spam"));
        Assert.Equal((CaseState.Dismissed, "Spam"), (dismissed.State, dismissed.Reason));
        var again = Refused(CaseWorkflow.Decide(dismissed, Officer, new Approve(7, dismissed.Version), Context()), RefusalReason.AlreadyHandled);
        Assert.Equal("Already handled by Alex Wilber at 23:00.", again.Message);
    }

    [Fact]
    public void Claiming_makes_the_case_the_claimers_and_refuses_other_officers()
    {
        var claimed = Decide(Case(), Officer, new Claim(7, 3));
        Assert.Equal((CaseState.Claimed, "alex"), (claimed.State, claimed.Claimed!.Id));
        var rival = Officer with { Who = new StaffMember("sam", "Sam Other") };
        Assert.Contains("Alex Wilber has claimed this case", Refused(CaseWorkflow.Decide(claimed, rival, new Approve(7, claimed.Version), Context()), RefusalReason.NotAllowed).Message);
        Assert.Equal(CaseState.Scheduled, Decide(claimed, Officer with { IsOfficerOnCall = false }, new Approve(7, claimed.Version)).State);
    }

    [Fact]
    public void Undo_inside_the_window_returns_the_case_and_cancels_the_publish()
    {
        var scheduled = Decide(Case(), Officer, new Approve(7, 3));
        var t = Moves(CaseWorkflow.Decide(scheduled, Officer, new Undo(7, scheduled.Version), Context(now: Now.AddSeconds(29))));
        Assert.Equal(CaseState.Notified, t.After.State);
        Assert.Null(t.After.ScheduledFor);
        Assert.IsType<CaseEffect.CancelPublish>(Assert.Single(t.Effects));
        Assert.Equal(DecisionActions.Undone, t.Log.Action);
        // The draft survives for editing.
        Assert.Equal(scheduled.ReplyText, t.After.DraftText);
    }

    [Fact]
    public void Undo_after_the_window_or_once_posted_is_too_late_and_says_so()
    {
        var scheduled = Decide(Case(), Officer, new Approve(7, 3));
        Assert.Equal("Too late to undo: the undo window ended at 23:00 and the reply is being posted.",
            Refused(CaseWorkflow.Decide(scheduled, Officer, new Undo(7, scheduled.Version), Context(now: Now.AddSeconds(30))), RefusalReason.TooLate).Message);
        Refused(CaseWorkflow.Decide(scheduled with { State = CaseState.Publishing }, Officer, new Undo(7, 5), Context()), RefusalReason.TooLate);
        var sent = scheduled with { State = CaseState.Sent, PublishedAt = Now.AddSeconds(31) };
        Assert.Equal("Too late to undo: the reply was posted at 23:00.", Refused(CaseWorkflow.Decide(sent, Officer, new Undo(7, 9), Context()), RefusalReason.TooLate).Message);
    }

    [Fact]
    public void Undo_after_a_managers_approval_returns_it_to_awaiting_approval()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        var approved = Decide(awaiting, Manager, new ManagerApprove(7, awaiting.Version));
        Assert.Equal(CaseState.AwaitingApproval, Decide(approved, Manager, new Undo(7, approved.Version), Context(now: Now.AddSeconds(5))).State);
    }

    [Fact]
    public void A_failed_case_can_be_retried_at_once_or_escalated()
    {
        var failed = Decide(Case(), Officer, new Approve(7, 3)) with { State = CaseState.Failed, FailureReason = "receiver answered 500" };
        var retried = Moves(CaseWorkflow.Decide(failed, Officer, new Retry(7, failed.Version), Context()));
        Assert.Equal((CaseState.Scheduled, Now), (retried.After.State, retried.After.ScheduledFor));
        Assert.Equal(new CaseEffect.PublishAt(Now), Assert.Single(retried.Effects));
        Assert.Equal(CaseState.Escalated, Decide(failed, Officer, new Escalate(7, failed.Version, "Receiver down")).State);
        Refused(CaseWorkflow.Decide(Case(), Officer, new Retry(7, 3), Context()), RefusalReason.NotAllowed);
    }

    [Fact]
    public void Someone_not_on_call_is_refused_every_officer_action()
    {
        foreach (var command in new CaseCommand[] { new Approve(7, 3), new SendEdited(7, 3, "x"), new Escalate(7, 3, "x"), new Dismiss(7, 3, "x"), new Claim(7, 3) })
            Refused(CaseWorkflow.Decide(Case(), NotOnCall, command, Context()), RefusalReason.NotOnCall);
    }

    [Fact]
    public void A_refusal_of_who_is_asking_is_told_apart_from_one_about_the_case_or_the_text()
    {
        Assert.True(Refused(CaseWorkflow.Decide(Case(), NotOnCall, new Approve(7, 3), Context()), RefusalReason.NotOnCall).AboutTheActor);
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        Assert.True(Refused(CaseWorkflow.Decide(awaiting, NotOnCall, new ManagerApprove(7, awaiting.Version), Context()), RefusalReason.NotAllowed).AboutTheActor);
        Assert.False(Refused(CaseWorkflow.Decide(Case(), Officer, new Approve(7, 2), Context()), RefusalReason.StaleCard).AboutTheActor);
        Assert.False(Refused(CaseWorkflow.Decide(Case(), Officer, new SendEdited(7, 3, " "), Context()), RefusalReason.EmptyReply).AboutTheActor);
        var first = Decide(Case(), Officer, new Approve(7, 3));
        Assert.False(Refused(CaseWorkflow.Decide(first, Officer, new Approve(7, 3), Context()), RefusalReason.AlreadyHandled).AboutTheActor);
    }

    [Fact]
    public void A_card_showing_an_older_version_is_refused_as_stale_and_a_double_click_sees_who_handled_it()
    {
        Refused(CaseWorkflow.Decide(Case(), Officer, new Approve(7, 2), Context()), RefusalReason.StaleCard);
        // The second click of a double click carries the version the first one already moved on from.
        var first = Decide(Case(), Officer, new Approve(7, 3));
        var second = Refused(CaseWorkflow.Decide(first, Officer, new Approve(7, 3), Context()), RefusalReason.AlreadyHandled);
        Assert.Equal("Already handled by Alex Wilber at 23:00.", second.Message);
    }

    [Fact]
    public void An_empty_or_overlong_edit_is_refused_counting_characters_as_people_see_them()
    {
        Refused(CaseWorkflow.Decide(Case(), Officer, new SendEdited(7, 3, " \n "), Context()), RefusalReason.EmptyReply);
        var atLimit = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467", 280));
        Assert.Equal(CaseState.Scheduled, Decide(Case(), Officer, new SendEdited(7, 3, atLimit)).State);
        Assert.Equal("The reply is 281 characters; this account allows 280.",
            Refused(CaseWorkflow.Decide(Case(), Officer, new SendEdited(7, 3, atLimit + "!"), Context()), RefusalReason.TooLong).Message);
    }

    [Fact]
    public void Nothing_can_be_approved_twice_while_it_waits()
    {
        var awaiting = Decide(Case(flags: ["media"]), Officer, new Approve(7, 3));
        var again = Refused(CaseWorkflow.Decide(awaiting, Officer, new Approve(7, awaiting.Version), Context()), RefusalReason.AlreadyHandled);
        Assert.Contains("waiting for a manager's approval", again.Message);
    }

    private sealed class EffectComparer : IEqualityComparer<CaseEffect>
    {
        public bool Equals(CaseEffect? x, CaseEffect? y) => x is CaseEffect.CardTo a && y is CaseEffect.CardTo b ? a.StaffIds.SequenceEqual(b.StaffIds) : Equals(x, y);
        public int GetHashCode(CaseEffect obj) => 0;
    }
}

public sealed class ClaimTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 23, 0);

    [Fact]
    public void Whoever_claimed_a_case_keeps_it_after_a_rejection_and_after_a_failed_post()
    {
        var account = new ResponseBot.Domain.Accounts.Account("acc", ResponseBot.Domain.Accounts.Platform.X, "Council");
        var sam = new ResponseBot.Domain.Cases.ActorContext(new ResponseBot.Domain.People.StaffMember("sam", "Sam"), IsOfficerOnCall: false, IsManager: false);
        var ctx = new ResponseBot.Domain.Cases.WorkflowContext(account, new ResponseBot.Domain.Policy.ReplyPolicy(), "Thanks", ["megan"], DateTimeZone.Utc, Now);
        foreach (var state in new[] { ResponseBot.Domain.Cases.CaseState.Rejected, ResponseBot.Domain.Cases.CaseState.Failed })
        {
            var claimed = new ResponseBot.Domain.Cases.CaseRecord
            {
                Id = 1, Version = 5, State = state, ReceivedAt = Now, ReplyText = "draft",
                Mention = new ResponseBot.Domain.Cases.Mention("acc", "e", new ResponseBot.Domain.Cases.Author("h", "n", null), "t", null, Now, null),
                Claimed = new ResponseBot.Domain.Cases.Stamp("sam", "Sam", Now),
            };
            Assert.IsType<ResponseBot.Domain.Cases.CaseOutcome.Transition>(
                ResponseBot.Domain.Cases.CaseWorkflow.Decide(claimed, sam, new ResponseBot.Domain.Cases.CaseCommand.SendEdited(1, 5, "A better reply"), ctx));
        }
    }
}
