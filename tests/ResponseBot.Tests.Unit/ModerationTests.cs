using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

/// <summary>Hiding a post where the platform allows, and the author's own edits and deletions arriving from the platform.</summary>
public sealed class ModerationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 23, 0);
    private static readonly ActorContext Officer = new(new StaffMember("alex", "Alex Wilber"), IsOfficerOnCall: true, IsManager: false);
    private static readonly ActorContext Manager = new(new StaffMember("megan", "Megan Bowen"), IsOfficerOnCall: false, IsManager: true);
    private static readonly ActorContext Stranger = new(new StaffMember("sam", "Sam Other"), IsOfficerOnCall: false, IsManager: false);

    private static CaseRecord Case(CaseState state = CaseState.Notified) => new()
    {
        Id = 7,
        Mention = new Mention("fb", "123_456", new Author("Pat Troll", "Pat Troll", null), "You lot are useless, @worker lives at 4 Oak Rd", null, Now.AddMinutes(-5), null),
        ReceivedAt = Now.AddMinutes(-5),
        State = state,
        Version = 3,
    };

    private static WorkflowContext Context(Platform platform, ReplyPolicy? policy = null) =>
        new(new Account("fb", platform, "ExampleCouncil"), policy ?? new ReplyPolicy(), "Thanks", ["megan"], DateTimeZone.Utc, Now);

    [Fact]
    public void The_officer_hides_a_Facebook_comment_with_a_reason_and_the_log_keeps_its_text_as_evidence()
    {
        var t = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Decide(Case(), Officer, new CaseCommand.Hide(7, 3, "  doxxing a member of staff "), Context(Platform.Facebook)));
        Assert.Equal(new Stamp("alex", "Alex Wilber", Now), t.After.Hidden);
        Assert.Equal("doxxing a member of staff", t.After.HiddenReason);
        Assert.Equal(CaseState.Notified, t.After.State);                              // the author may still need an answer
        Assert.Equal(3, t.After.Version);                                              // nobody's reply buttons go stale
        Assert.Equal(DecisionActions.Hidden, t.Log.Action);
        Assert.Equal("You lot are useless, @worker lives at 4 Oak Rd", t.Log.TextBefore);
        Assert.Equal([new CaseEffect.Moderate(true, "alex")], t.Effects);
    }

    [Fact]
    public void Hiding_needs_a_reason_a_platform_that_can_hide_and_someone_who_may_act()
    {
        Assert.Equal(RefusalReason.ReasonRequired, Refused(CaseWorkflow.Decide(Case(), Officer, new CaseCommand.Hide(7, 3, " "), Context(Platform.X))));
        Assert.Equal(RefusalReason.NotAllowed, Refused(CaseWorkflow.Decide(Case(), Officer, new CaseCommand.Hide(7, 3, "abuse"), Context(Platform.Bluesky))));
        Assert.Equal(RefusalReason.NotAllowed, Refused(CaseWorkflow.Decide(Case(), Stranger, new CaseCommand.Hide(7, 3, "abuse"), Context(Platform.X))));
        Assert.Equal(RefusalReason.AlreadyHandled,
            Refused(CaseWorkflow.Decide(Case() with { Hidden = new Stamp("megan", "Megan Bowen", Now) }, Officer, new CaseCommand.Hide(7, 3, "abuse"), Context(Platform.X))));
        Assert.Equal(RefusalReason.AlreadyHandled,
            Refused(CaseWorkflow.Decide(Case() with { DeletedAt = Now }, Manager, new CaseCommand.Hide(7, 3, "abuse"), Context(Platform.X))));
    }

    [Fact]
    public void With_the_policy_set_only_a_manager_hides_and_the_officer_gets_no_button()
    {
        var strict = new ReplyPolicy { HideNeedsManager = true };
        var account = new Account("fb", Platform.Facebook, "ExampleCouncil");
        Assert.Equal(RefusalReason.NotAllowed, Refused(CaseWorkflow.Decide(Case(), Officer, new CaseCommand.Hide(7, 3, "abuse"), Context(Platform.Facebook, strict))));
        Assert.DoesNotContain(CaseVerb.Hide, CaseWorkflow.Allowed(Case(), Officer, account, strict));
        Assert.Contains(CaseVerb.Hide, CaseWorkflow.Allowed(Case(), Manager, account, strict));
        Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Decide(Case(), Manager, new CaseCommand.Hide(7, 3, "abuse"), Context(Platform.Facebook, strict)));
    }

    [Fact]
    public void A_closed_case_can_still_be_hidden_and_unhidden_by_whoever_may_act_and_a_stale_card_does_not_stop_it()
    {
        var account = new Account("x", Platform.X, "ExampleCouncil");
        var sent = Case(CaseState.Sent);
        Assert.Equal(new HashSet<CaseVerb> { CaseVerb.Hide }, CaseWorkflow.Allowed(sent, Officer, account, new ReplyPolicy()));
        Assert.Empty(CaseWorkflow.Allowed(sent, Stranger, account, new ReplyPolicy()));
        Assert.Empty(CaseWorkflow.Allowed(sent, Officer, new Account("b", Platform.Bluesky, "council.bsky.social"), new ReplyPolicy()));
        var hidden = sent with { Hidden = new Stamp("alex", "Alex Wilber", Now), HiddenReason = "abuse" };
        Assert.Equal(new HashSet<CaseVerb> { CaseVerb.Unhide }, CaseWorkflow.Allowed(hidden, Officer, account, new ReplyPolicy()));
        var t = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Decide(hidden, Manager, new CaseCommand.Unhide(7, 1), Context(Platform.X)));
        Assert.Null(t.After.Hidden);
        Assert.Equal(DecisionActions.Unhidden, t.Log.Action);
        Assert.Equal("abuse", t.Log.Reason);
        Assert.Equal([new CaseEffect.Moderate(false, "megan")], t.Effects);
    }

    [Fact]
    public void A_refused_hide_puts_the_case_back_and_tells_who_asked_unless_a_later_decision_already_did()
    {
        var hidden = Case() with { Hidden = new Stamp("alex", "Alex Wilber", Now), HiddenReason = "abuse" };
        var t = Assert.IsType<CaseOutcome.Transition>(Moderation.Failed(hidden, hidden: true, "X only lets an account hide replies to its own posts", "alex", Now));
        Assert.Null(t.After.Hidden);
        Assert.Equal(DecisionActions.HideFailed, t.Log.Action);
        Assert.Equal("alex", Assert.IsType<CaseEffect.TextTo>(Assert.Single(t.Effects)).StaffId);
        Assert.IsType<CaseOutcome.Unchanged>(Moderation.Failed(Case(), hidden: true, "refused", "alex", Now));   // already unhidden since
    }

    [Fact]
    public void An_edit_on_the_platform_shows_the_new_text_flags_what_it_adds_and_makes_open_cards_stale()
    {
        var t = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Apply(Case(), new SystemEvent.MentionEdited("Actually there is a fire in the flat above, help me"), Now));
        Assert.Equal("Actually there is a fire in the flat above, help me", t.After.Mention.Text);
        Assert.Contains("emergency", t.After.Flags);
        Assert.Equal(Now, t.After.EditedAt);
        Assert.Equal(4, t.After.Version);
        Assert.Equal(("You lot are useless, @worker lives at 4 Oak Rd", "Actually there is a fire in the flat above, help me"), (t.Log.TextBefore, t.Log.TextAfter));
        Assert.IsType<CaseOutcome.Unchanged>(CaseWorkflow.Apply(Case(), new SystemEvent.MentionEdited(Case().Mention.Text), Now));
    }

    [Fact]
    public void A_deletion_closes_an_open_case_cancels_a_reply_waiting_to_go_and_only_records_it_once_answered()
    {
        var open = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Apply(Case(), new SystemEvent.MentionDeleted("Facebook"), Now));
        Assert.Equal(CaseState.Dismissed, open.After.State);
        Assert.Equal("deleted by its author on Facebook", open.After.Reason);
        Assert.Equal("You lot are useless, @worker lives at 4 Oak Rd", open.After.Mention.Text);   // kept as it was
        var scheduled = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Apply(Case(CaseState.Scheduled), new SystemEvent.MentionDeleted("Facebook"), Now));
        Assert.Contains(new CaseEffect.CancelPublish(), scheduled.Effects);
        var sent = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Apply(Case(CaseState.Sent), new SystemEvent.MentionDeleted("Facebook"), Now));
        Assert.Equal(CaseState.Sent, sent.After.State);
        Assert.Equal(Now, sent.After.DeletedAt);
        Assert.IsType<CaseOutcome.Unchanged>(CaseWorkflow.Apply(sent.After, new SystemEvent.MentionDeleted("Facebook"), Now));
    }

    private static RefusalReason Refused(CaseOutcome outcome) => Assert.IsType<CaseOutcome.Refusal>(outcome).Reason;
}
