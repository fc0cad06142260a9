using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>A due escalation timer with what its decision needs to know about the case, both rows locked.</summary>
public sealed record DueTimer(EscalationTimer Timer, CaseState State, string? DraftedBy);

/// <summary>Escalation timers (escalations) and who they brought a case to (case_escalations).</summary>
public interface ITimerRepository
{
    /// <summary>(Re)starts the timers of this kind for these cases from step 0.</summary>
    Task StartAsync(IReadOnlyList<long> caseIds, EscalationKind kind, Instant due, Instant now, CancellationToken ct);

    /// <summary>The earliest due timer no other instance holds (SKIP LOCKED), with its case row locked too.</summary>
    Task<DueTimer?> NextDueAsync(Instant now, CancellationToken ct);

    Task MoveAsync(long caseId, EscalationKind kind, int step, Instant nextDue, CancellationToken ct);

    /// <summary>Closes the case's open timer of this kind, if there is one.</summary>
    Task CloseAsync(long caseId, EscalationKind kind, string outcome, Instant now, CancellationToken ct);

    /// <summary>The case's open acknowledge and respond-by timers fire no earlier than <paramref name="until"/> (a snooze).</summary>
    Task DelayAsync(long caseId, Instant until, CancellationToken ct);

    Task RecordEscalatedToAsync(long caseId, string staffId, int step, Instant now, CancellationToken ct);

    /// <summary>Everyone a timer brought the case to: they may act on it.</summary>
    Task<IReadOnlySet<string>> EscalatedToAsync(long caseId, CancellationToken ct);
}
