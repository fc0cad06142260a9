using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Paging;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Tests.Unit;

/// <summary>Who is paged beyond Teams when an escalation timer fires, and on which channels.</summary>
public sealed class PagingRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 22, 30);
    private static readonly IReadOnlyList<string> Managers = ["mia", "adele"];

    private static EscalationTimer Timer(EscalationKind kind, int step) => new(7, kind, step, Now, Now - Duration.FromMinutes(15));

    private static EscalationStep.Notify Notify(int step, params string[] to) => new(step, to, Now + Duration.FromMinutes(15), "reminder");

    private static IReadOnlyList<PageTo> For(EscalationTimer timer, EscalationStep step, string[]? flags = null, int rounds = 2) =>
        PagingRules.For(timer, step, flags ?? [], rounds, chainLength: 3, Managers);

    [Fact]
    public void An_emergency_nobody_acknowledged_pages_whoever_its_first_timer_brings_it_to()
    {
        var pages = For(Timer(EscalationKind.Acknowledge, 0), Notify(1, "megan"), [Flags.Emergency]);
        Assert.Equal([new PageTo("megan", PageReasons.Emergency)], pages);
    }

    [Fact]
    public void An_ordinary_case_is_not_paged_before_the_last_round()
    {
        Assert.Empty(For(Timer(EscalationKind.Acknowledge, 0), Notify(1, "megan")));
        Assert.Empty(For(Timer(EscalationKind.Acknowledge, 1), Notify(2, "mia")));
    }

    [Fact]
    public void An_emergency_is_paged_only_at_its_first_timer_until_the_last_round()
    {
        Assert.Empty(For(Timer(EscalationKind.Acknowledge, 1), Notify(2, "mia"), [Flags.Emergency]));
        // Taken in hand ("I'm on it") then left: the respond-by timer is not the acknowledge timer.
        Assert.Empty(For(Timer(EscalationKind.Respond, 0), Notify(1, "megan"), [Flags.Emergency]));
    }

    [Fact]
    public void Every_step_of_the_last_round_pages_its_recipients()
    {
        Assert.Equal([new PageTo("alex", PageReasons.LastRound)], For(Timer(EscalationKind.Acknowledge, 2), Notify(3, "alex")));
        Assert.Equal([new PageTo("mia", PageReasons.LastRound)], For(Timer(EscalationKind.Acknowledge, 4), Notify(5, "mia")));
        Assert.Equal(["mia", "adele"], For(Timer(EscalationKind.Approval, 0), Notify(1, "mia", "adele"), rounds: 1).Select(p => p.StaffId));
    }

    [Fact]
    public void An_exhausted_chain_pages_the_managers_and_a_closed_or_waiting_timer_nobody()
    {
        Assert.Equal(Managers, For(Timer(EscalationKind.Acknowledge, 5), new EscalationStep.Close(EscalationRules.Exhausted)).Select(p => p.StaffId));
        Assert.All(For(Timer(EscalationKind.Acknowledge, 5), new EscalationStep.Close(EscalationRules.Exhausted)), p => Assert.Equal(PageReasons.Exhausted, p.Reason));
        Assert.Empty(For(Timer(EscalationKind.Acknowledge, 0), new EscalationStep.Close(EscalationRules.Acknowledged), [Flags.Emergency]));
        Assert.Empty(For(Timer(EscalationKind.Acknowledge, 0), new EscalationStep.Wait(Now + Duration.FromMinutes(15)), [Flags.Emergency]));
    }

    [Fact]
    public void One_page_per_person_and_channel_they_registered_that_is_switched_on_and_nobody_registered_is_unreachable()
    {
        var contacts = new Dictionary<string, StaffContact>
        {
            ["megan"] = new("megan", "megan@council.gov.uk", "+447700900123"),
            ["mia"] = new("mia", null, "+447700900456"),
        };
        PageTo[] people = [new("megan", PageReasons.LastRound), new("mia", PageReasons.LastRound), new("adele", PageReasons.LastRound)];

        var both = PagingRules.Plan(people, contacts, [PageChannel.Email, PageChannel.Sms]);
        Assert.Equal([("megan", PageChannel.Email), ("megan", PageChannel.Sms), ("mia", PageChannel.Sms)], both.Pages.Select(p => (p.StaffId, p.Channel)));
        Assert.Equal(["adele"], both.Unreachable.Select(p => p.StaffId));

        var emailOnly = PagingRules.Plan(people, contacts, [PageChannel.Email]);
        Assert.Equal(["megan"], emailOnly.Pages.Select(p => p.StaffId));
        Assert.Equal(["mia", "adele"], emailOnly.Unreachable.Select(p => p.StaffId));
    }
}
