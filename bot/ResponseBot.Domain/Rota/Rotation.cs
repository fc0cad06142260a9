using NodaTime;

namespace ResponseBot.Domain.Rota;

public enum Layer
{
    Primary,
    Secondary,
    Manager,
}

/// <summary>
/// People taking turns: shift k starts on <see cref="StartDate"/> + k × <see cref="ShiftDays"/> at the local
/// <see cref="Handoff"/> time and lasts until the next handoff, so a clock change lengthens or shortens the
/// shift it falls in rather than leaving a gap or an overlap.
/// </summary>
public sealed record Rotation(Layer Layer, IReadOnlyList<string> Participants, LocalDate StartDate, LocalTime Handoff, int ShiftDays)
{
    public Instant ShiftStart(long k, DateTimeZone zone) =>
        zone.AtLeniently(StartDate.PlusDays(checked((int)(k * ShiftDays))).At(Handoff)).ToInstant();

    /// <summary>The index of the shift running at <paramref name="t"/>.</summary>
    public long ShiftIndex(Instant t, DateTimeZone zone)
    {
        var local = t.InZone(zone).LocalDateTime;
        var days = Period.Between(StartDate, local.Date, PeriodUnits.Days).Days - (local.TimeOfDay < Handoff ? 1 : 0);
        var k = (long)Math.Floor(days / (double)ShiftDays);
        // Settle on instants, not local times: around a clock change local times repeat or skip.
        while (t < ShiftStart(k, zone)) k--;
        while (t >= ShiftStart(k + 1, zone)) k++;
        return k;
    }

    public string? Participant(long k) =>
        Participants.Count == 0 ? null : Participants[(int)(((k % Participants.Count) + Participants.Count) % Participants.Count)];
}

/// <summary>Someone covering a period in a layer, in place of whoever the rotation says (e.g. a "cover me" swap).</summary>
public sealed record RotaOverride(long Id, Layer Layer, string StaffId, Instant Start, Instant End, string? CoveringFor = null);

/// <summary>Who holds a layer over a span of time. A null <see cref="StaffId"/> is a gap in cover.</summary>
public sealed record RotaShift(Layer Layer, string? StaffId, Instant Start, Instant End, bool IsOverride)
{
    public Duration Length => End - Start;
}
