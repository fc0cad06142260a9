using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Rota;

/// <summary>A layer changing hands: <see cref="From"/> (null: nobody was announced) to <see cref="To"/> (null: nobody now).</summary>
public sealed record Handover(Layer Layer, string? From, string? To, int OpenCases);

/// <summary>What to tell the incoming and outgoing holders.</summary>
public sealed record HandoverNotices(string? ToIncoming, string? ToOutgoing);

public interface IDutyStateStore
{
    /// <summary>
    /// If the bot last announced someone other than <paramref name="to"/> for <paramref name="layer"/>, records
    /// <paramref name="to"/>, queues cards for the open cases they should hold and both notices, in one transaction
    /// under the routing lock; a new primary restarts the acknowledgement timers of cases nobody has acted on (due
    /// <paramref name="acknowledgeBy"/>). Null when nothing changed, or when an "on call" since then makes <paramref name="to"/> stale.
    /// </summary>
    Task<Handover?> TryHandOverAsync(Layer layer, string? to, DateTimeOffset now, DateTimeOffset acknowledgeBy, Func<Handover, HandoverNotices> notices, CancellationToken ct);
}

public static class DutyStates
{
    /// <summary>The cases each layer is handed when it changes hands: officers everything open, managers what waits for them.</summary>
    public static string[] HandedTo(Layer layer) => layer switch
    {
        Layer.Primary => CaseStates.Actionable,
        Layer.Manager => [nameof(CaseState.AwaitingApproval), nameof(CaseState.Escalated)],
        _ => [],
    };
}
