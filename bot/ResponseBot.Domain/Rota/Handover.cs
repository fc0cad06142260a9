using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Rota;

/// <summary>A layer changing hands: <see cref="From"/> (null: nobody was announced) to <see cref="To"/> (null: nobody now).</summary>
public sealed record Handover(Layer Layer, string? From, string? To, int OpenCases);

/// <summary>What to tell the incoming and outgoing holders.</summary>
public sealed record HandoverNotices(string? ToIncoming, string? ToOutgoing);

/// <summary>
/// What handing a layer to someone does, whether the rota's shift changed or someone said "on call": they are
/// recorded as its holder and given a card for every open case of the layer they don't have yet, and a new primary
/// restarts the acknowledgement timers of cases nobody has acted on, so the newcomer gets the full time.
/// </summary>
public sealed record HandoverPlan(Layer Layer, string? From, string? To, IReadOnlyList<long> CardsFor, bool RestartAcknowledgeTimers)
{
    public bool Changed => From != To;
}

public static class Handovers
{
    /// <summary>The cases each layer is handed: officers everything open, managers what waits for them, the secondary nothing.</summary>
    public static IReadOnlyList<CaseState> CasesFor(Layer layer) => layer switch
    {
        Layer.Primary => CaseStates.Actionable,
        Layer.Manager => [CaseState.AwaitingApproval, CaseState.Escalated],
        _ => [],
    };

    /// <summary>Cases still waiting for a first action, whose acknowledgement timers a new primary restarts.</summary>
    public static readonly IReadOnlyList<CaseState> AwaitingFirstAction = [CaseState.New, CaseState.Notified];

    /// <param name="withoutCard">Open cases of the layer (<see cref="CasesFor"/>) that <paramref name="to"/> holds no card for.</param>
    public static HandoverPlan Plan(Layer layer, string? from, string? to, IReadOnlyList<long> withoutCard) =>
        new(layer, from, to, to is null ? [] : withoutCard, RestartAcknowledgeTimers: layer == Layer.Primary && to is not null && from != to);
}
