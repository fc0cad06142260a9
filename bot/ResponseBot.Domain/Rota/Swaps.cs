using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Domain.People;

namespace ResponseBot.Domain.Rota;

public enum SwapStatus
{
    /// <summary>Offered to the others on the rota; nobody has taken it yet.</summary>
    Open,
    /// <summary>Someone took it; a coordinator has to approve.</summary>
    Taken,
    /// <summary>Approved (or needing no approval): an override now puts the taker on the shift.</summary>
    Approved,
    Declined,
}

/// <summary>A "cover me" request for one shift.</summary>
public sealed record SwapRequest(Guid Id, Layer Layer, string RequesterId, Instant Start, Instant End, SwapStatus Status)
{
    public string? TakenBy { get; init; }
    public string? DecidedBy { get; init; }
    /// <summary>The override an approved swap became, so routing, cards and the calendar all see it.</summary>
    public long? OverrideId { get; init; }
}

/// <summary>A message to post with a swap's state change: a card or a text, to one person.</summary>
public sealed record SwapMessage(string StaffId, string? Text = null, JsonObject? Card = null, string? Summary = null);

public static partial class Swaps
{
    public static readonly Duration LookAhead = Duration.FromDays(14);

    /// <summary>The shift "cover me" is about: the person's current or next shift in any layer, within two weeks.</summary>
    public static RotaShift? ShiftToCover(RotaPlan plan, string staffId, Instant now) =>
        Enum.GetValues<Layer>().SelectMany(l => plan.Shifts(l, new Interval(now, now + LookAhead)))
            .Where(s => s.StaffId == staffId).OrderBy(s => s.Start).FirstOrDefault();

    /// <summary>Whether <paramref name="staffId"/> still holds the whole of the swapped shift: the rota may have changed since.</summary>
    public static bool StillHolds(RotaPlan plan, SwapRequest swap) =>
        plan.Shifts(swap.Layer, new Interval(swap.Start, swap.End)) is { Count: > 0 } shifts && shifts.All(s => s.StaffId == swap.RequesterId);

    /// <summary>Who is asked: everyone else in that layer's rotation.</summary>
    public static IReadOnlyList<string> Candidates(RotaPlan plan, Layer layer, string requesterId) =>
        plan.Rotations.Where(r => r.Layer == layer).SelectMany(r => r.Participants).Where(p => p != requesterId).Distinct().ToList();
}
