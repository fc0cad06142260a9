using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;

namespace ResponseBot.Domain.Cases;

/// <summary>Who is acting and in what capacity: decided from the authenticated user and the rota, never from card data.</summary>
public sealed record ActorContext(StaffMember Who, bool IsOfficerOnCall, bool IsManager)
{
    /// <summary>Acting from the team channel cases are routed to: any member of that team may claim.</summary>
    public bool InTeamChannel { get; init; }

    /// <summary>An escalation timer brought this case to them: they may act on it as the officer on call would.</summary>
    public bool WasEscalatedTo { get; init; }

    /// <summary>The rota's manager on duty now (a manager too).</summary>
    public bool IsManagerOnDuty { get; init; }

    /// <summary>A rota coordinator (changes cover, approves swaps).</summary>
    public bool IsCoordinator { get; init; }

    /// <summary>On the out-of-hours rota (any layer) or in <c>Roles:Officers</c>: may go on call and claim cases.</summary>
    public bool IsStaff { get; init; }

    /// <summary>Holds a posted copy of this case's card.</summary>
    public bool HoldsCard { get; init; }

    /// <summary>May act on a case as its officer: on call now, or brought the case by a timer.</summary>
    public bool ActsAsOfficer => IsOfficerOnCall || WasEscalatedTo;
}

/// <summary>Everything else a decision depends on, gathered before deciding so the rules stay pure.</summary>
public sealed record WorkflowContext(
    Account Account,
    ReplyPolicy Policy,
    string Suggestion,
    IReadOnlyList<string> Managers,
    DateTimeZone Zone,
    Instant Now)
{
    public string Time(Instant at) => at.InZone(Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public LocalDate Today => Now.InZone(Zone).Date;

    /// <summary>The pre-election period covering the case's account today, if any: every reply then needs a manager.</summary>
    public Elections.ElectionPeriod? PreElection { get; init; }
}
