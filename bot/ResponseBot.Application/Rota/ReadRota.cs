using NodaTime;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Rota;

/// <summary>The rota as configured with the stored overrides on top, for coordinators' scripts: who holds each layer at a
/// moment, and the shifts and gaps between two dates in the organisation's zone.</summary>
public sealed class ReadRota(IUnitOfWorkFactory db, RotaConfig rota)
{
    public static readonly Duration LongestSpan = Duration.FromDays(366);

    public DateTimeZone Zone => rota.Zone;

    public async Task<IReadOnlyList<(Layer Layer, string? StaffId)>> WhoAsync(Instant at, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var plan = await uow.PlanAsync(rota, new Interval(at, at + Duration.FromTicks(1)), ct);
        return Enum.GetValues<Layer>().Select(l => (l, plan.OnCall(l, at))).ToList();
    }

    /// <summary>Null when the span is longer than <see cref="LongestSpan"/>.</summary>
    public async Task<IReadOnlyList<RotaShift>?> ShiftsAsync(LocalDate from, LocalDate to, CancellationToken ct)
    {
        var range = new Interval(rota.Zone.AtStartOfDay(from).ToInstant(), rota.Zone.AtStartOfDay(to).ToInstant());
        if (range.Duration > LongestSpan) return null;
        await using var uow = await db.BeginAsync(ct);
        var plan = await uow.PlanAsync(rota, range, ct);
        return Enum.GetValues<Layer>().SelectMany(l => plan.Shifts(l, range)).OrderBy(s => s.Start).ThenBy(s => s.Layer).ToList();
    }
}
