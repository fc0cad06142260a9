using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Duty;

/// <summary>Reads what <see cref="DutyNow"/> needs inside a unit of work: the rota around now with its overrides, and live takeovers.</summary>
public static class DutyReader
{
    // Long enough that "next on call" and a takeover's end are found across a long weekend or a holiday.
    private static readonly Duration Ahead = Duration.FromDays(35);

    public static async Task<DutyNow> DutyAsync(this IUnitOfWork uow, RotaConfig rota, Instant now, CancellationToken ct) =>
        Duty(rota, await uow.Overrides.OverlappingAsync(Around(now), ct), await uow.Duty.TakeoversAsync(now, ct), now);

    /// <summary>The rota and its overrides around <paramref name="now"/>, without takeovers (read those under the routing lock).</summary>
    public static Task<RotaPlan> PlanAroundAsync(this IUnitOfWork uow, RotaConfig rota, Instant now, CancellationToken ct) =>
        uow.PlanAsync(rota, Around(now), ct);

    /// <summary>The overrides duty at <paramref name="now"/> is planned with are those in force during this interval.</summary>
    public static Interval Around(Instant now) => new(now - Duration.FromDays(1), now + Ahead);

    /// <summary>As <see cref="DutyAsync"/>, from overrides (<see cref="Around"/>) and takeovers already read.</summary>
    public static DutyNow Duty(RotaConfig rota, IReadOnlyList<RotaOverride> overrides, IReadOnlyList<Takeover> takeovers, Instant now) =>
        new(rota.Plan(overrides), takeovers, now);

    public static async Task<RotaPlan> PlanAsync(this IUnitOfWork uow, RotaConfig rota, Interval range, CancellationToken ct) =>
        rota.Plan(await uow.Overrides.OverlappingAsync(range, ct));

    /// <summary>Whether <paramref name="staffId"/> is an officer on call now: primary or secondary.</summary>
    public static bool IsOfficerOnCall(this DutyNow duty, string staffId) =>
        duty.Holder(Layer.Primary).StaffId == staffId || duty.Holder(Layer.Secondary).StaffId == staffId;
}
