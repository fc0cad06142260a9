using ResponseBot.Testing;
using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Tests.Unit;

/// <summary>Who is on duty once "on call" takeovers sit on the rota, and who an escalation asks next.</summary>
public sealed class DutyTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static Instant At(int m, int d, int h, int min = 0) => London.AtStrictly(new LocalDateTime(2026, m, d, h, min)).ToInstant();

    private static readonly RotaPlan Plan = new(London, new Coverage(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales),
    [
        new Rotation(Layer.Primary, ["alex", "megan"], new LocalDate(2026, 1, 5), new LocalTime(17, 0), ShiftDays: 1),
        new Rotation(Layer.Manager, ["mia"], new LocalDate(2026, 1, 5), new LocalTime(9, 0), ShiftDays: 7),
    ], []);

    [Fact]
    public void The_rota_holder_is_on_duty_until_their_shift_ends_and_the_next_one_is_known()
    {
        // Tuesday 6 Jan 2026, 20:00: Megan's night (shift 1), until Wednesday 09:00 when the office opens.
        var duty = new DutyNow(Plan, [], At(1, 6, 20));
        Assert.Equal(new DutyHolder(Layer.Primary, "megan", At(1, 7, 9), IsTakeover: false), duty.Holder(Layer.Primary));
        Assert.Equal(("alex", At(1, 7, 17)), duty.Next(Layer.Primary) is { } n ? (n.Holder.StaffId, n.From) : default);
        Assert.Null(duty.Holder(Layer.Secondary).StaffId);
        Assert.Null(duty.Next(Layer.Secondary));
    }

    [Fact]
    public void A_takeover_wins_over_the_rota_and_lasts_until_the_next_handoff_in_its_layer()
    {
        var at = At(1, 6, 20);
        var until = new DutyNow(Plan, [], at).TakeoverUntil(Layer.Primary);
        Assert.Equal(At(1, 7, 9), until);                                  // the end of Megan's night: the office takes over
        var duty = new DutyNow(Plan, [new Takeover(Layer.Primary, "adele", at, until)], at);
        Assert.Equal(new DutyHolder(Layer.Primary, "adele", until, IsTakeover: true), duty.Holder(Layer.Primary));
        Assert.Null(duty.HolderAt(Layer.Primary, At(1, 7, 10)).StaffId);  // office hours: the takeover is over
        Assert.Equal("alex", duty.HolderAt(Layer.Primary, At(1, 7, 17, 30)).StaffId);
        // Said in office hours, it lasts until the night's cover begins.
        Assert.Equal(At(1, 7, 17), new DutyNow(Plan, [], At(1, 7, 11)).TakeoverUntil(Layer.Primary));
    }

    [Fact]
    public void A_takeover_in_a_layer_without_a_rotation_lasts_until_off_call()
    {
        var at = At(1, 6, 12);
        var duty = new DutyNow(Plan, [new Takeover(Layer.Secondary, "noah", at, null)], at + Duration.FromDays(30));
        Assert.Null(new DutyNow(Plan, [], at).TakeoverUntil(Layer.Secondary));
        Assert.Equal("noah", duty.Holder(Layer.Secondary).StaffId);
        Assert.Null(duty.Next(Layer.Secondary));
    }

    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 6, 20, 0);

    private static EscalationTimer Timer(EscalationKind kind, int step) => new(7, kind, step, T0.AddMinutes(15 * step + 15), T0);

    [Fact]
    public void An_unacknowledged_case_goes_primary_secondary_manager_and_round_again_skipping_empty_steps()
    {
        IReadOnlyList<IReadOnlyList<string>> chain = [["alex"], [], ["mia"]];     // nobody holds secondary
        var now = T0.AddMinutes(16);
        var first = Assert.IsType<EscalationStep.Notify>(EscalationRules.Next(Timer(EscalationKind.Acknowledge, 0), CaseState.Notified, chain, 2, Duration.FromMinutes(15), now));
        Assert.Equal((2, "mia", now.AddMinutes(15)), (first.Step, first.Targets.Single(), first.NextDue));
        Assert.Contains("no response for 16 min", first.Reminder);
        var again = Assert.IsType<EscalationStep.Notify>(EscalationRules.Next(Timer(EscalationKind.Acknowledge, 2), CaseState.New, chain, 2, Duration.FromMinutes(15), now));
        Assert.Equal((3, "alex"), (again.Step, again.Targets.Single()));
        Assert.Equal(new EscalationStep.Close(EscalationRules.Exhausted),
            EscalationRules.Next(Timer(EscalationKind.Acknowledge, 5), CaseState.Notified, chain, 2, Duration.FromMinutes(15), now));
        // Nobody on duty in any layer (office hours, or a gap everywhere): wait, don't use up the rounds on nobody.
        Assert.Equal(new EscalationStep.Wait(now.AddMinutes(15)),
            EscalationRules.Next(Timer(EscalationKind.Acknowledge, 0), CaseState.New, [[], [], []], 2, Duration.FromMinutes(15), now));
    }

    [Theory]
    [InlineData(EscalationKind.Acknowledge, CaseState.Scheduled)]
    [InlineData(EscalationKind.Acknowledge, CaseState.Claimed)]
    [InlineData(EscalationKind.Acknowledge, CaseState.AwaitingApproval)]
    [InlineData(EscalationKind.Approval, CaseState.Scheduled)]
    [InlineData(EscalationKind.Approval, CaseState.Rejected)]
    public void Once_someone_acts_the_timer_closes(EscalationKind kind, CaseState state) =>
        Assert.Equal(new EscalationStep.Close(EscalationRules.Acknowledged),
            EscalationRules.Next(Timer(kind, 0), state, [["alex"], ["megan"]], 2, Duration.FromMinutes(15), T0.AddHours(1)));

    [Fact]
    public void Approvals_go_to_the_manager_on_duty_then_every_manager()
    {
        var duty = new DutyNow(Plan, [], At(1, 6, 20));
        var chain = EscalationRules.Chain(EscalationKind.Approval, duty, ["mia", "noah"]);
        Assert.Equal(["mia"], chain[0]);
        Assert.Equal(["mia", "noah"], chain[1]);
        Assert.Equal([["megan"], [], ["mia"]], EscalationRules.Chain(EscalationKind.Acknowledge, duty, ["mia", "noah"]));
        // The manager who wrote the reply is never asked to approve it.
        Assert.Equal([[], ["noah"]], EscalationRules.Chain(EscalationKind.Approval, duty, ["mia", "noah"], drafter: "mia"));
    }

    [Fact]
    public void A_holding_reply_names_whichever_comes_first_the_next_person_on_the_rota_or_the_office_opening()
    {
        var weekend = Plan with { Rotations = [], Overrides = [new RotaOverride(1, Layer.Primary, "megan", At(1, 11, 17), At(1, 12, 9))] };
        var saturdayNight = new DutyNow(weekend, [], At(1, 10, 22));
        Assert.Equal(At(1, 11, 17), HoldingReply.NextCover(HoldingReplyMode.Gaps, saturdayNight));      // Megan, Sunday 17:00
        Assert.Equal(At(1, 12, 9), HoldingReply.NextCover(HoldingReplyMode.OutOfHours, new DutyNow(weekend, [], At(1, 11, 20))));  // she's on: office opening
        Assert.Null(HoldingReply.NextCover(HoldingReplyMode.Gaps, new DutyNow(weekend, [], At(1, 11, 20))));
        Assert.Null(HoldingReply.NextCover(HoldingReplyMode.OutOfHours, new DutyNow(weekend, [], At(1, 12, 11))));   // Monday, office hours
        Assert.Null(HoldingReply.NextCover(HoldingReplyMode.Off, saturdayNight));
    }
}
