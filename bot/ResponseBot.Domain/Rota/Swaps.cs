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
}

/// <summary>A message to post with a swap's state change: a card or a text, to one person.</summary>
public sealed record SwapMessage(string StaffId, string? Text = null, JsonObject? Card = null, string? Summary = null);

public interface ISwapStore
{
    /// <summary>Stores the request and queues <paramref name="messages"/> (the offer cards, the requester's confirmation) in one
    /// transaction. False when a request for the same shift is still open or waiting for approval.</summary>
    Task<bool> CreateAsync(SwapRequest request, IReadOnlyList<SwapMessage> messages, Instant now, CancellationToken ct);

    Task<SwapRequest?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>
    /// Open → <paramref name="to"/> (Taken, or Approved straight away) for <paramref name="takerId"/>, if still open; an
    /// approval adds the override. Messages are queued in the same transaction. False when someone got there first.
    /// </summary>
    Task<bool> TakeAsync(Guid id, string takerId, SwapStatus to, Instant now, IReadOnlyList<SwapMessage> messages, CancellationToken ct);

    /// <summary>Taken → Approved (adding the override) or Declined by a coordinator, if still taken. False otherwise.</summary>
    Task<bool> DecideAsync(Guid id, StaffMember coordinator, bool approve, Instant now, IReadOnlyList<SwapMessage> messages, CancellationToken ct);
}

public static class Swaps
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
