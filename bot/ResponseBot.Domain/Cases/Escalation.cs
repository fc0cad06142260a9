using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Cases;

public enum EscalationKind
{
    /// <summary>Nobody has acted on a new case.</summary>
    Acknowledge,
    /// <summary>Nobody has approved (or rejected) a risky reply.</summary>
    Approval,
}

/// <summary>A pending escalation timer: step 0 is the first notification; it fires at <see cref="DueAt"/>.</summary>
public sealed record EscalationTimer(long CaseId, EscalationKind Kind, int Step, DateTimeOffset DueAt, DateTimeOffset StartedAt);

public abstract record EscalationStep
{
    /// <summary>Stop: someone acted (<c>acknowledged</c>) or every round is used up (<c>exhausted</c>).</summary>
    public sealed record Close(string Outcome) : EscalationStep;

    /// <summary>Bring the case to <see cref="Targets"/> (a card, or a reminder for those who have it) and wait again.</summary>
    public sealed record Notify(int Step, IReadOnlyList<string> Targets, DateTimeOffset NextDue, string Reminder) : EscalationStep;
}

/// <summary>
/// Who is asked next when nobody acts. A new case goes primary → secondary → manager on duty; a reply waiting
/// for approval goes manager on duty → every manager. The chain repeats up to <c>rounds</c> times, so step n
/// asks chain[n mod length]; a step nobody holds is skipped at once rather than waited out.
/// </summary>
public static class EscalationRules
{
    public const string Acknowledged = "acknowledged";
    public const string Exhausted = "exhausted";

    public static IReadOnlyList<IReadOnlyList<string>> Chain(EscalationKind kind, DutyNow duty, IReadOnlyList<string> managers)
    {
        IReadOnlyList<string> Holding(Layer l) => duty.Holder(l).StaffId is { } id ? [id] : [];
        return kind == EscalationKind.Acknowledge
            ? [Holding(Layer.Primary), Holding(Layer.Secondary), Holding(Layer.Manager)]
            : [Holding(Layer.Manager), managers];
    }

    /// <summary>Still waiting for someone: a new case nobody has acted on, or a reply nobody has approved.</summary>
    public static bool StillWaiting(EscalationKind kind, CaseState state) => kind == EscalationKind.Acknowledge
        ? state is CaseState.New or CaseState.Notified
        : state == CaseState.AwaitingApproval;

    public static EscalationStep Next(EscalationTimer timer, CaseState state, IReadOnlyList<IReadOnlyList<string>> chain, int rounds, TimeSpan wait, DateTimeOffset now)
    {
        if (!StillWaiting(timer.Kind, state)) return new EscalationStep.Close(Acknowledged);
        for (var n = timer.Step + 1; chain.Count > 0 && n < rounds * chain.Count; n++)
        {
            var targets = chain[n % chain.Count];
            if (targets.Count > 0)
                return new EscalationStep.Notify(n, targets, now + wait, Reminder(timer, now));
        }
        return new EscalationStep.Close(Exhausted);
    }

    private static string Reminder(EscalationTimer timer, DateTimeOffset now)
    {
        var waited = (int)Math.Round((now - timer.StartedAt).TotalMinutes);
        return timer.Kind == EscalationKind.Acknowledge
            ? $"Case #{timer.CaseId} has had no response for {waited} min and has been escalated to you. Please look at its card."
            : $"The reply for case #{timer.CaseId} has waited {waited} min for a manager's approval and has been escalated to you.";
    }
}
