using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Tests.Unit;

/// <summary>"Cover me": who may take a shift, when a coordinator must approve, and what everyone is told.</summary>
public sealed class SwapDecisionTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static Instant At(int d, int h) => London.AtStrictly(new LocalDateTime(2026, 1, d, h, 0)).ToInstant();

    // Alex, Megan and Sam take turns at primary nights from Monday 5 January; Alex's first night is 5–6 January.
    private static readonly RotaPlan Plan = new(London, new Coverage(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales),
        [new Rotation(Layer.Primary, ["alex", "megan", "sam"], new LocalDate(2026, 1, 5), new LocalTime(17, 0), ShiftDays: 1)], []);

    private static readonly SwapRequest Open = new(Guid.NewGuid(), Layer.Primary, "alex", At(8, 17), At(9, 9), SwapStatus.Open);
    private static readonly SwapActor Megan = new("megan", "Megan Bowen", IsCoordinator: false);
    private static readonly SwapActor Casey = new("casey", "Casey Coordinator", IsCoordinator: true);
    private static readonly Instant Now = At(6, 12);

    private static string Name(string id) => id switch { "alex" => "Alex Wilber", "megan" => "Megan Bowen", _ => id };

    private static SwapOutcome Decide(SwapRequest s, SwapActor actor, SwapCommand command, bool needsApproval = true, RotaPlan? plan = null) =>
        Swaps.Decide(s, actor, command, plan ?? Plan, Now, needsApproval, Name, "primary shift from Thu 8 Jan 17:00 to Fri 9 Jan 09:00");

    [Fact]
    public void Taking_an_open_shift_waits_for_a_coordinator_and_tells_the_requester()
    {
        var t = Assert.IsType<SwapOutcome.Transition>(Decide(Open, Megan, new SwapCommand.Take()));
        Assert.Equal((SwapStatus.Taken, "megan"), (t.After.Status, t.After.TakenBy));
        Assert.False(t.AddOverride);
        Assert.True(t.AskCoordinators);
        var notice = Assert.Single(t.Notices);
        Assert.Equal("alex", notice.StaffId);
        Assert.StartsWith("Megan Bowen offered to cover your primary shift", notice.Text);
    }

    [Fact]
    public void Without_approval_the_taker_is_on_the_rota_at_once_and_both_are_told()
    {
        var t = Assert.IsType<SwapOutcome.Transition>(Decide(Open, Megan, new SwapCommand.Take(), needsApproval: false));
        Assert.Equal(SwapStatus.Approved, t.After.Status);
        Assert.True(t.AddOverride);
        Assert.False(t.AskCoordinators);
        Assert.Equal(["alex", "megan"], t.Notices.Select(n => n.StaffId));
    }

    [Fact]
    public void Nobody_takes_their_own_shift_or_one_from_a_rota_they_are_not_on()
    {
        var own = Assert.IsType<SwapOutcome.Refusal>(Decide(Open, new SwapActor("alex", "Alex Wilber", false), new SwapCommand.Take()));
        Assert.False(own.ShowCard);
        Assert.Contains("your own shift", own.Message);
        var outsider = Assert.IsType<SwapOutcome.Refusal>(Decide(Open, new SwapActor("zoe", "Zoe", false), new SwapCommand.Take()));
        Assert.Contains("Only people on the primary rota", outsider.Message);
    }

    [Fact]
    public void A_taken_a_finished_or_a_moved_shift_cannot_be_taken()
    {
        Assert.Equal("Someone else took it first.",
            Assert.IsType<SwapOutcome.Refusal>(Decide(Open with { Status = SwapStatus.Taken, TakenBy = "sam" }, Megan, new SwapCommand.Take())).Message);
        Assert.Equal("This shift is already over.",
            Assert.IsType<SwapOutcome.Refusal>(Decide(Open with { Start = At(5, 17), End = At(6, 9) }, Megan, new SwapCommand.Take())).Message);
        var moved = Plan with { Overrides = [new RotaOverride(1, Layer.Primary, "sam", At(8, 17), At(9, 9))] };
        Assert.Contains("The rota has changed", Assert.IsType<SwapOutcome.Refusal>(Decide(Open, Megan, new SwapCommand.Take(), plan: moved)).Message);
    }

    [Fact]
    public void Only_a_coordinator_settles_a_taken_swap_once_and_approval_puts_it_on_the_rota()
    {
        var taken = Open with { Status = SwapStatus.Taken, TakenBy = "megan" };
        Assert.False(Assert.IsType<SwapOutcome.Refusal>(Decide(taken, Megan, new SwapCommand.Approve())).ShowCard);

        var approved = Assert.IsType<SwapOutcome.Transition>(Decide(taken, Casey, new SwapCommand.Approve()));
        Assert.Equal((SwapStatus.Approved, "casey"), (approved.After.Status, approved.After.DecidedBy));
        Assert.True(approved.AddOverride);
        Assert.Equal(["alex", "megan"], approved.Notices.Select(n => n.StaffId));
        Assert.Contains("Casey Coordinator approved: Megan Bowen is covering your", approved.Notices[0].Text);

        var declined = Assert.IsType<SwapOutcome.Transition>(Decide(taken, Casey, new SwapCommand.Decline()));
        Assert.Equal(SwapStatus.Declined, declined.After.Status);
        Assert.False(declined.AddOverride);

        Assert.Equal("This swap has already been decided.",
            Assert.IsType<SwapOutcome.Refusal>(Decide(approved.After, Casey, new SwapCommand.Decline())).Message);
    }
}
