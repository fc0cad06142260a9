using NodaTime;
namespace ResponseBot.Domain.Cases;

/// <summary>
/// One row of the decision log: who did what, to which case, with the text before and after; <see cref="CardVersion"/> is the
/// version of the case card the person acted on (null for what nobody pressed).
/// </summary>
public sealed record DecisionEntry(
    long? CaseId, Instant At, string ActorId, string ActorName, string Action,
    string? TextBefore = null, string? TextAfter = null, string? Detail = null,
    CaseState? FromState = null, CaseState? ToState = null, string? Reason = null, int? CardVersion = null)
{
    public const string SystemId = "system";
    public const string SystemName = "ResponseBot";

    /// <summary>The actor recorded for what the system did by itself (ingest, publish, timers).</summary>
    public static DecisionEntry System(long? caseId, Instant at, string action, string? detail = null, string? textAfter = null,
        CaseState? fromState = null, CaseState? toState = null, string? reason = null) =>
        new(caseId, at, SystemId, SystemName, action, TextAfter: textAfter, Detail: detail, FromState: fromState, ToState: toState, Reason: reason);
}
