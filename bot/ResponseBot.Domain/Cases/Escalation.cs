using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Cases;

public enum EscalationKind
{
    /// <summary>Nobody has acted on a new case.</summary>
    Acknowledge,
    /// <summary>Nobody has approved (or rejected) a risky reply.</summary>
    Approval,
    /// <summary>Someone said "I'm on it", but no reply is on its way by the case's respond-by time.</summary>
    Respond,
}

/// <summary>A pending escalation timer: step 0 is the first notification; it fires at <see cref="DueAt"/>.</summary>
public sealed record EscalationTimer(long CaseId, EscalationKind Kind, int Step, Instant DueAt, Instant StartedAt);

public abstract record EscalationStep
{
    /// <summary>Stop: someone acted (<c>acknowledged</c>) or every round is used up (<c>exhausted</c>).</summary>
    public sealed record Close(string Outcome) : EscalationStep;

    /// <summary>Nobody holds any step of the chain now: ask again at <see cref="NextDue"/>, at the same step.</summary>
    public sealed record Wait(Instant NextDue) : EscalationStep;

    /// <summary>Bring the case to <see cref="Targets"/> (a card, or a reminder for those who have it) and wait again.</summary>
    public sealed record Notify(int Step, IReadOnlyList<string> Targets, Instant NextDue, string Reminder) : EscalationStep;
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

    /// <summary>The chain for a timer; <paramref name="drafter"/> (who wrote a reply awaiting approval) is never asked to approve it.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Chain(EscalationKind kind, DutyNow duty, IReadOnlyList<string> managers, string? drafter = null)
    {
        IReadOnlyList<string> Holding(Layer l) => duty.Holder(l).StaffId is { } id && id != drafter ? [id] : [];
        // Respond starts where an acknowledged case stands (step 0, the primary), so its first page is the next layer.
        return kind is EscalationKind.Acknowledge or EscalationKind.Respond
            ? [Holding(Layer.Primary), Holding(Layer.Secondary), Holding(Layer.Manager)]
            : [Holding(Layer.Manager), managers.Where(m => m != drafter).ToList()];
    }

    /// <summary>Still waiting for someone: a new case nobody has acted on, or a reply nobody has approved.</summary>
    public static bool StillWaiting(EscalationKind kind, CaseState state) => kind switch
    {
        EscalationKind.Acknowledge => state is CaseState.New or CaseState.Notified,
        // In hand but unanswered: no reply scheduled, sent or waiting for approval, not dismissed or escalated by hand.
        EscalationKind.Respond => state is CaseState.New or CaseState.Notified or CaseState.Claimed or CaseState.Rejected or CaseState.Failed,
        _ => state == CaseState.AwaitingApproval,
    };

    public static EscalationStep Next(EscalationTimer timer, CaseState state, IReadOnlyList<IReadOnlyList<string>> chain, int rounds, Duration wait, Instant now)
    {
        if (!StillWaiting(timer.Kind, state)) return new EscalationStep.Close(Acknowledged);
        // Office hours or a gap in every layer: keep the timer rather than burn the rounds on nobody.
        if (chain.All(step => step.Count == 0)) return new EscalationStep.Wait(now + wait);
        for (var n = timer.Step + 1; chain.Count > 0 && n < rounds * chain.Count; n++)
        {
            var targets = chain[n % chain.Count];
            if (targets.Count > 0)
                return new EscalationStep.Notify(n, targets, now + wait, Reminder(timer, now));
        }
        return new EscalationStep.Close(Exhausted);
    }

    private static string Reminder(EscalationTimer timer, Instant now)
    {
        var waited = (int)Math.Round((now - timer.StartedAt).TotalMinutes);
        return timer.Kind switch
        {
            EscalationKind.Acknowledge => $"Case #{timer.CaseId} has had no response for {waited} min and has been escalated to you. Please look at its card.",
            EscalationKind.Respond => $"Case #{timer.CaseId} was taken in hand but still has no reply at its respond-by time, and has been escalated to you. Please look at its card.",
            _ => $"The reply for case #{timer.CaseId} has waited {waited} min for a manager's approval and has been escalated to you.",
        };
    }
}
