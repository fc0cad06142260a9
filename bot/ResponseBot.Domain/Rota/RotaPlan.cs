using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>A whole rota: its zone, when cover is needed, a rotation per layer, and overrides on top.</summary>
public sealed record RotaPlan(DateTimeZone Zone, Coverage Coverage, IReadOnlyList<Rotation> Rotations, IReadOnlyList<RotaOverride> Overrides)
{
    /// <summary>Who holds <paramref name="layer"/> at <paramref name="t"/>; null outside cover or in a gap.</summary>
    public string? OnCall(Layer layer, Instant t)
    {
        if (!Coverage.IsCovered(t.InZone(Zone).LocalDateTime)) return null;
        return Holder(layer, t).StaffId;
    }

    /// <summary>
    /// Shifts and gaps for a layer within <paramref name="range"/>, only inside coverage windows: the covered time
    /// is tiled exactly — no gaps between shifts that aren't real gaps in cover, no overlaps.
    /// </summary>
    public IReadOnlyList<RotaShift> Shifts(Layer layer, Interval range)
    {
        var rotation = Rotations.FirstOrDefault(r => r.Layer == layer);
        var result = new List<RotaShift>();
        foreach (var window in Coverage.Windows(range, Zone))
        {
            var cuts = new SortedSet<Instant> { window.Start, window.End };
            if (rotation is not null)
                for (var k = rotation.ShiftIndex(window.Start, Zone) + 1; rotation.ShiftStart(k, Zone) < window.End; k++)
                    cuts.Add(rotation.ShiftStart(k, Zone));
            foreach (var o in Overrides.Where(o => o.Layer == layer && o.Start < window.End && o.End > window.Start))
            {
                if (o.Start > window.Start) cuts.Add(o.Start);
                if (o.End < window.End) cuts.Add(o.End);
            }
            var points = cuts.ToList();
            for (var i = 0; i + 1 < points.Count; i++)
            {
                var (staff, isOverride) = Holder(layer, points[i]);
                if (result.Count > 0 && result[^1] is var last && last.End == points[i] && last.StaffId == staff && last.IsOverride == isOverride)
                    result[^1] = last with { End = points[i + 1] };
                else
                    result.Add(new RotaShift(layer, staff, points[i], points[i + 1], isOverride));
            }
        }
        return result;
    }

    /// <summary>Covered time with nobody holding the layer: what coordinators must be warned about.</summary>
    public IReadOnlyList<RotaShift> Gaps(Layer layer, Interval range) => Shifts(layer, range).Where(s => s.StaffId is null).ToList();

    private (string? StaffId, bool IsOverride) Holder(Layer layer, Instant t)
    {
        // The most recent override wins where several overlap.
        var o = Overrides.Where(o => o.Layer == layer && o.Start <= t && t < o.End).MaxBy(o => o.Id);
        if (o is not null) return (o.StaffId, true);
        var rotation = Rotations.FirstOrDefault(r => r.Layer == layer);
        return (rotation?.Participant(rotation.ShiftIndex(t, Zone)), false);
    }
}
