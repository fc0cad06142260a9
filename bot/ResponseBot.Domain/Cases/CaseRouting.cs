namespace ResponseBot.Domain.Cases;

/// <summary>
/// Where a new case goes, decided just before it is stored: the rota's primary (a takeover, read inside the
/// storing transaction, wins), any team channel, and when to escalate if nobody acts.
/// </summary>
public sealed record CaseRouting(string? RotaPrimary, IReadOnlyList<string> AlsoNotify, DateTimeOffset AcknowledgeBy)
{
    /// <summary>An automatic holding reply to post for a new case (nobody can answer now), or null.</summary>
    public string? HoldingReply { get; init; }
}

public interface IMentionRouting
{
    Task<CaseRouting> RouteAsync(Mention mention, DateTimeOffset now, CancellationToken ct);
}

/// <summary>What a timer's decision needs to know about its case, read with the case row locked.</summary>
public sealed record EscalationCase(CaseState State, string? DraftedBy);

public interface IEscalationStore
{
    /// <summary>
    /// Takes the earliest due timer no other instance holds, asks <paramref name="decide"/> what to do given the
    /// case's state, and applies it (cards, reminders, log, next due time) in one transaction. False when none is due.
    /// </summary>
    Task<bool> RunNextDueAsync(DateTimeOffset now, Func<EscalationTimer, EscalationCase, EscalationStep> decide, CancellationToken ct);

    /// <summary>True when a timer escalated the case to <paramref name="staffId"/>, who may then act on it.</summary>
    Task<bool> WasEscalatedToAsync(long caseId, string staffId, CancellationToken ct);
}
