using NodaTime;
using ResponseBot.Domain.People;

namespace ResponseBot.Domain.Rota;

/// <summary>Loads what <see cref="DutyNow"/> needs: the rota around now with its overrides, and live takeovers.</summary>
public sealed class DutyRoster(IRotaSource rota, IStaffStore staff, TimeProvider clock)
{
    // Long enough that "next on call" and a takeover's end are found across a long weekend or a holiday.
    private static readonly Duration Ahead = Duration.FromDays(35);

    public DateTimeZone Zone => rota.Zone;

    public IReadOnlyList<string> Managers => rota.Managers;

    public async Task<DutyNow> NowAsync(CancellationToken ct)
    {
        var now = clock.Now();
        // Two independent reads on every mention and every card action: side by side, not one after the other.
        var plan = rota.PlanAsync(new Interval(now - Duration.FromDays(1), now + Ahead), ct);
        var takeovers = staff.TakeoversAsync(now.ToDateTimeOffset(), ct);
        return new DutyNow(await plan, await takeovers, now);
    }

    /// <summary>Whether <paramref name="staffId"/> is an officer on call now: primary or secondary.</summary>
    public static bool IsOfficerOnCall(DutyNow duty, string staffId) =>
        duty.Holder(Layer.Primary).StaffId == staffId || duty.Holder(Layer.Secondary).StaffId == staffId;
}
