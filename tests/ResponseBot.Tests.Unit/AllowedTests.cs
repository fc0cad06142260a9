using ResponseBot.Testing;
using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.People;
using static ResponseBot.Domain.Cases.CaseVerb;

namespace ResponseBot.Tests.Unit;

/// <summary>The buttons each actor gets: exactly what the case state machine lets them do.</summary>
public sealed class AllowedTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 23, 0);
    private static readonly ActorContext Officer = new(new StaffMember("alex", "Alex Wilber"), IsOfficerOnCall: true, IsManager: false);
    private static readonly ActorContext Stranger = new(new StaffMember("sam", "Sam Other"), IsOfficerOnCall: false, IsManager: false);
    private static readonly ActorContext Manager = new(new StaffMember("megan", "Megan Bowen"), IsOfficerOnCall: false, IsManager: true);
    private static readonly ActorContext Channel = new(new StaffMember("channel:19:general", "team channel"), IsOfficerOnCall: false, IsManager: false)
        { InTeamChannel = true };

    private static CaseRecord Case(CaseState state) => new()
    {
        Id = 7,
        Mention = new Mention("acc", "ext", new Author("resident", "Sam Resident", null), "hello", null, Now, null),
        ReceivedAt = Now,
        State = state,
        Version = 1,
    };

    [Fact]
    public void The_officer_on_call_gets_approve_edit_escalate_dismiss_im_on_it_and_snooze_on_an_open_case()
    {
        Assert.Equal(new HashSet<CaseVerb> { Approve, SendEdited, Escalate, Dismiss, Acknowledge, Snooze }, CaseWorkflow.Allowed(Case(CaseState.Notified), Officer));
        Assert.Equal(new HashSet<CaseVerb> { Retry, SendEdited, Escalate, Dismiss, Snooze }, CaseWorkflow.Allowed(Case(CaseState.Failed), Officer));
        // Once someone is on it, nobody is offered "I'm on it" again.
        Assert.Equal(new HashSet<CaseVerb> { Approve, SendEdited, Escalate, Dismiss, Snooze },
            CaseWorkflow.Allowed(Case(CaseState.Notified) with { Acknowledged = new Stamp("alex", "Alex Wilber", Now) }, Officer));
    }

    [Fact]
    public void Someone_with_no_standing_gets_no_buttons_and_an_escalated_case_is_the_managers()
    {
        Assert.Empty(CaseWorkflow.Allowed(Case(CaseState.Notified), Stranger));
        Assert.Empty(CaseWorkflow.Allowed(Case(CaseState.Escalated), Officer));
        Assert.Equal(new HashSet<CaseVerb> { Approve, SendEdited, Dismiss }, CaseWorkflow.Allowed(Case(CaseState.Escalated), Manager));
        Assert.Equal(new HashSet<CaseVerb> { Approve, SendEdited, Escalate, Dismiss, Acknowledge, Snooze },
            CaseWorkflow.Allowed(Case(CaseState.Notified), Stranger with { WasEscalatedTo = true }));
    }

    [Fact]
    public void Only_a_manager_who_did_not_write_the_reply_can_approve_it()
    {
        var awaiting = Case(CaseState.AwaitingApproval) with { Drafted = new Stamp("megan", "Megan Bowen", Now) };
        Assert.Empty(CaseWorkflow.Allowed(awaiting, Manager));
        Assert.Empty(CaseWorkflow.Allowed(awaiting, Officer));
        Assert.Equal(new HashSet<CaseVerb> { ManagerApprove, ManagerEditApprove, Reject },
            CaseWorkflow.Allowed(awaiting with { Drafted = new Stamp("alex", "Alex Wilber", Now) }, Manager));
    }

    [Fact]
    public void Undo_is_for_the_sender_the_officer_on_call_and_managers_and_nothing_is_left_once_posted()
    {
        var scheduled = Case(CaseState.Scheduled) with { Decided = new Stamp("sam", "Sam Other", Now) };
        Assert.Equal(new HashSet<CaseVerb> { Undo }, CaseWorkflow.Allowed(scheduled, Stranger));
        Assert.Equal(new HashSet<CaseVerb> { Undo }, CaseWorkflow.Allowed(scheduled, Officer));
        Assert.Empty(CaseWorkflow.Allowed(scheduled with { Decided = null }, Stranger));
        Assert.Empty(CaseWorkflow.Allowed(Case(CaseState.Sent), Manager));
        Assert.Empty(CaseWorkflow.Allowed(Case(CaseState.Dismissed), Officer));
    }

    [Fact]
    public void A_team_channel_card_offers_claim_then_what_the_claimer_may_do()
    {
        Assert.Equal(new HashSet<CaseVerb> { Claim }, CaseWorkflow.Allowed(Case(CaseState.New), Channel));
        var claimed = Case(CaseState.Claimed) with { Claimed = new Stamp("sam", "Sam Other", Now) };
        Assert.Empty(CaseWorkflow.Allowed(claimed, Channel));
        Assert.Equal(new HashSet<CaseVerb> { Approve, SendEdited, Escalate, Dismiss, Acknowledge, Snooze },
            CaseWorkflow.Allowed(claimed, Channel with { Who = new StaffMember("sam", "Sam Other") }));
    }

    [Theory]
    [InlineData(CaseState.New)]
    [InlineData(CaseState.Notified)]
    [InlineData(CaseState.Rejected)]
    [InlineData(CaseState.Failed)]
    public void Every_button_handed_out_is_one_the_state_machine_accepts(CaseState state)
    {
        var policy = new ResponseBot.Domain.Policy.ReplyPolicy();
        var account = new ResponseBot.Domain.Accounts.Account("acc", ResponseBot.Domain.Accounts.Platform.X, "ExampleCouncil");
        var context = new WorkflowContext(account, policy, "Thanks, we'll look.", ["megan"], DateTimeZone.Utc, Now);
        foreach (var actor in new[] { Officer, Manager, Stranger })
        foreach (var verb in CaseWorkflow.Allowed(Case(state), actor))
        {
            CaseCommand command = verb switch
            {
                Approve => new CaseCommand.Approve(7, 1),
                SendEdited => new CaseCommand.SendEdited(7, 1, "Thanks, we'll look."),
                Escalate => new CaseCommand.Escalate(7, 1, "needs a manager"),
                Dismiss => new CaseCommand.Dismiss(7, 1, "spam"),
                Retry => new CaseCommand.Retry(7, 1),
                Acknowledge => new CaseCommand.Acknowledge(7, 1),
                Snooze => new CaseCommand.Snooze(7, 1, 15),
                _ => throw new InvalidOperationException(verb.ToString()),
            };
            Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Decide(Case(state), actor, command, context with { Managers = ["megan", "adele"] }));
        }
    }

    [Fact]
    public void Only_someone_with_a_reason_may_see_a_case()
    {
        var c = Case(CaseState.Notified);
        Assert.False(CaseWorkflow.MaySee(c, Stranger));
        Assert.False(CaseWorkflow.MaySee(c, Stranger with { IsStaff = true }));
        Assert.True(CaseWorkflow.MaySee(c, Officer));
        Assert.True(CaseWorkflow.MaySee(c, Manager));
        Assert.True(CaseWorkflow.MaySee(c, Channel));
        Assert.True(CaseWorkflow.MaySee(c, Stranger with { HoldsCard = true }));
        Assert.True(CaseWorkflow.MaySee(c, Stranger with { WasEscalatedTo = true }));
        Assert.True(CaseWorkflow.MaySee(c with { Claimed = new Stamp("sam", "Sam Other", Now) }, Stranger));
    }

    [Fact]
    public void Only_staff_claim_from_the_team_channel()
    {
        var policy = new ResponseBot.Domain.Policy.ReplyPolicy();
        var account = new ResponseBot.Domain.Accounts.Account("acc", ResponseBot.Domain.Accounts.Platform.X, "ExampleCouncil");
        var context = new WorkflowContext(account, policy, "Thanks", ["megan"], NodaTime.DateTimeZone.Utc, Now);
        var member = Channel with { Who = new StaffMember("zoe", "Zoe Visitor") };
        var refused = Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Decide(Case(CaseState.Notified), member, new CaseCommand.Claim(7, 1), context));
        Assert.Contains("Only people on the out-of-hours rota", refused.Message);
        Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Decide(Case(CaseState.Notified), member with { IsStaff = true }, new CaseCommand.Claim(7, 1), context));
    }
}
