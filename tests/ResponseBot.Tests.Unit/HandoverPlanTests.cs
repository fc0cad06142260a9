using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Tests.Unit;

/// <summary>One hand-over for "on call" and for shift changes: what the new holder is given.</summary>
public sealed class HandoverPlanTests
{
    [Fact]
    public void A_new_primary_gets_the_open_cases_they_lack_and_restarts_the_acknowledgement_timers()
    {
        var plan = Handovers.Plan(Layer.Primary, "alex", "megan", [3, 5]);
        Assert.Equal([3L, 5L], plan.CardsFor);
        Assert.True(plan.RestartAcknowledgeTimers);
        Assert.True(plan.Changed);
    }

    [Fact]
    public void Saying_on_call_again_sends_what_is_missing_but_restarts_no_timers()
    {
        var plan = Handovers.Plan(Layer.Primary, "alex", "alex", [9]);
        Assert.Equal([9L], plan.CardsFor);
        Assert.False(plan.RestartAcknowledgeTimers);
        Assert.False(plan.Changed);
    }

    [Fact]
    public void Nobody_taking_over_is_handed_nothing_and_a_new_manager_restarts_no_acknowledgement_timers()
    {
        Assert.Empty(Handovers.Plan(Layer.Primary, "alex", null, [3]).CardsFor);
        Assert.False(Handovers.Plan(Layer.Primary, "alex", null, [3]).RestartAcknowledgeTimers);
        Assert.False(Handovers.Plan(Layer.Manager, "mia", "megan", [4]).RestartAcknowledgeTimers);
    }

    [Fact]
    public void Each_layer_is_handed_the_cases_that_wait_for_it()
    {
        Assert.Equal(CaseStates.Actionable, Handovers.CasesFor(Layer.Primary));
        Assert.Equal([CaseState.AwaitingApproval, CaseState.Escalated], Handovers.CasesFor(Layer.Manager));
        Assert.Empty(Handovers.CasesFor(Layer.Secondary));
        Assert.All(Handovers.AwaitingFirstAction, s => Assert.True(EscalationRules.StillWaiting(EscalationKind.Acknowledge, s)));
    }
}
