using System.Text;
using NodaTime;
using NodaTime.Text;

namespace ResponseBot.Domain.Rota;

/// <summary>What a coordinator asked for on the override form, as text straight from the card.</summary>
public sealed record OverrideForm(string? Layer, string? StaffId, string? StartDate, string? StartTime, string? EndDate, string? EndTime);

/// <summary>Checks coordinators' override requests, and works out whom a change moves and what to tell them.</summary>
public static class RotaChanges
{
    public static readonly Duration LongestOverride = Duration.FromDays(31);

    /// <summary>The override the form describes, or why it can't be: times are local to the rota's zone.</summary>
    public static (RotaOverride? Override, string? Error) Parse(OverrideForm form, DateTimeZone zone, IReadOnlyCollection<string> people,
        IReadOnlyCollection<string> managers, Instant now)
    {
        if (!Enum.TryParse<Layer>(form.Layer, ignoreCase: false, out var layer) || !Enum.IsDefined(layer))
            return (null, "Choose a layer.");
        if (form.StaffId is not { } staffId || !people.Contains(staffId))
            return (null, "Choose someone from the rota to cover.");
        // The manager on duty approves and takes escalations: only a manager can hold that layer.
        if (layer == Layer.Manager && !managers.Contains(staffId))
            return (null, "Only a manager can cover the manager on duty.");
        if (Local(form.StartDate, form.StartTime) is not { } start || Local(form.EndDate, form.EndTime) is not { } end)
            return (null, "Give a start and end date and time.");
        var (from, to) = (zone.AtLeniently(start).ToInstant(), zone.AtLeniently(end).ToInstant());
        if (to <= from) return (null, "The cover must end after it starts.");
        if (to <= now) return (null, "That cover is already over.");
        if (to - from > LongestOverride) return (null, "Cover longer than 31 days is a rota change: ask for the rotation to be updated.");
        return (new RotaOverride(0, layer, staffId, from, to), null);
    }

    private static LocalDateTime? Local(string? date, string? time) =>
        LocalDatePattern.Iso.Parse(date ?? "") is { Success: true } d && LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time ?? "") is { Success: true } t
            ? d.Value.At(t.Value) : null;

    /// <summary>
    /// Everyone whose shifts differ between <paramref name="before"/> and <paramref name="after"/> within
    /// <paramref name="range"/>, with a message saying what they gained and lost.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Notices(RotaPlan before, RotaPlan after, Interval range, string changedBy, Func<string, string> name)
    {
        var was = Enum.GetValues<Layer>().SelectMany(l => before.Shifts(l, range)).Where(s => s.StaffId is not null).ToList();
        var now = Enum.GetValues<Layer>().SelectMany(l => after.Shifts(l, range)).Where(s => s.StaffId is not null).ToList();
        var result = new Dictionary<string, string>();
        foreach (var person in was.Concat(now).Select(s => s.StaffId!).Distinct())
        {
            var gained = Subtract(now, was, person);
            var lost = Subtract(was, now, person);
            if (gained.Count == 0 && lost.Count == 0) continue;
            var text = new StringBuilder($"{changedBy} changed the out-of-hours rota.");
            foreach (var g in gained)
                text.Append($"\n\n- You now cover {RotaText.Name(g.Layer)} from {RotaText.Local(g.Start, after.Zone)} to {RotaText.Local(g.End, after.Zone)}" +
                    (Holder(before, g) is { } previous && previous != person ? $" (instead of {name(previous)})." : "."));
            foreach (var l in lost)
                text.Append($"\n\n- You no longer cover {RotaText.Name(l.Layer)} from {RotaText.Local(l.Start, after.Zone)} to {RotaText.Local(l.End, after.Zone)}" +
                    (Holder(after, l) is { } next && next != person ? $": {name(next)} does." : "."));
            result[person] = text.ToString();
        }
        return result;
    }

    // The parts of a's shifts for the person that b doesn't also give them (same layer, overlapping time).
    private static List<RotaShift> Subtract(List<RotaShift> a, List<RotaShift> b, string person)
    {
        var result = new List<RotaShift>();
        foreach (var s in a.Where(s => s.StaffId == person))
        {
            var pieces = new List<RotaShift> { s };
            foreach (var other in b.Where(o => o.StaffId == person && o.Layer == s.Layer))
                pieces = pieces.SelectMany(p => Cut(p, other)).ToList();
            result.AddRange(pieces);
        }
        return result;
    }

    private static IEnumerable<RotaShift> Cut(RotaShift s, RotaShift by)
    {
        if (by.End <= s.Start || by.Start >= s.End) { yield return s; yield break; }
        if (by.Start > s.Start) yield return s with { End = by.Start };
        if (by.End < s.End) yield return s with { Start = by.End };
    }

    private static string? Holder(RotaPlan plan, RotaShift s) =>
        plan.Shifts(s.Layer, new Interval(s.Start, s.End)).Select(x => x.StaffId).FirstOrDefault(id => id is not null);
}
