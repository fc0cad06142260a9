using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>Someone said "on call": they hold <see cref="Layer"/> from <see cref="Since"/> until "off call" or <see cref="Until"/>.</summary>
public sealed record Takeover(Layer Layer, string StaffId, Instant Since, Instant? Until)
{
    public bool Covers(Instant t) => Since <= t && (Until is null || t < Until);
}

/// <summary>Who holds a layer at a moment, and until when (null: open-ended or unknown).</summary>
public sealed record DutyHolder(Layer Layer, string? StaffId, Instant? Until, bool IsTakeover);

/// <summary>
/// Who is on duty at <see cref="At"/>: a takeover ("on call") wins over the rota, which wins over nobody.
/// Pure, so routing, escalation and the "who's on call" card all agree.
/// </summary>
public sealed record DutyNow(RotaPlan Plan, IReadOnlyList<Takeover> Takeovers, Instant At)
{
    public DutyHolder Holder(Layer layer) => HolderAt(layer, At);

    /// <summary>
    /// The managers to ask or tell now: the manager on duty, or every configured manager when nobody holds that layer (or only
    /// <paramref name="except"/> does — nobody is asked to approve their own work).
    /// </summary>
    public IReadOnlyList<string> Managers(RotaConfig rota, string? except = null) =>
        Holder(Layer.Manager).StaffId is { } onDuty && onDuty != except ? [onDuty] : rota.Managers.Where(m => m != except).ToList();

    public DutyHolder HolderAt(Layer layer, Instant t)
    {
        if (Takeovers.Where(x => x.Layer == layer && x.Covers(t)).MaxBy(x => x.Since) is { } takeover)
            return new DutyHolder(layer, takeover.StaffId, takeover.Until, IsTakeover: true);
        // Look a little ahead first (routing asks this for every mention); only a shift that runs past that, such as
        // a long weekend, needs the longer look to find where it ends.
        var shift = ShiftAt(layer, t, Duration.FromDays(3));
        if (shift is not null && shift.End == t + Duration.FromDays(3)) shift = ShiftAt(layer, t, Duration.FromDays(31));
        return new DutyHolder(layer, shift?.StaffId, shift?.End, IsTakeover: false);
    }

    private RotaShift? ShiftAt(Layer layer, Instant t, Duration ahead) =>
        Plan.Shifts(layer, new Interval(t, t + ahead)).FirstOrDefault(s => s.Start <= t && t < s.End);

    /// <summary>Whoever holds the layer next after the current holder's time is up, and from when (null: nobody within a month).</summary>
    public (DutyHolder Holder, Instant From)? Next(Layer layer)
    {
        var current = Holder(layer);
        if (current.IsTakeover && current.Until is null) return null;
        var t = current.Until ?? NextShiftStart(layer, At);
        for (var i = 0; t is { } start && i < 64; i++)
        {
            var next = HolderAt(layer, start);
            if (next.StaffId is not null && next.StaffId != current.StaffId) return (next, start);
            t = next.Until is { } until && until > start ? until : NextShiftStart(layer, start);
        }
        return null;
    }

    private Instant? NextShiftStart(Layer layer, Instant after) =>
        Plan.Shifts(layer, new Interval(after, after + Duration.FromDays(31))).FirstOrDefault(s => s.Start > after && s.StaffId is not null)?.Start;

    /// <summary>
    /// How long "on call" lasts when said at <see cref="At"/>: until the rota's next handoff in that layer,
    /// so the rota takes over again without anyone remembering to say "off call". Open-ended where the
    /// layer has no rotation.
    /// </summary>
    public Instant? TakeoverUntil(Layer layer)
    {
        if (Plan.Rotations.All(r => r.Layer != layer || r.Participants.Count == 0)) return null;
        // The first boundary ahead: the end of the shift running now, else the start of the next one.
        return Plan.Shifts(layer, new Interval(At, At + Duration.FromDays(31))).FirstOrDefault() is { } s
            ? (s.Start > At ? s.Start : s.End)
            : null;
    }
}
