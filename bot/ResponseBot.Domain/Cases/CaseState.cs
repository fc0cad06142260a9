namespace ResponseBot.Domain.Cases;

/// <summary>
/// Where a case is. Drafted and Approved are steps the log records on the way to Scheduled or
/// AwaitingApproval rather than places a case rests (see README, "Case states").
/// </summary>
public enum CaseState
{
    /// <summary>Stored; no card delivered yet (e.g. nobody on call).</summary>
    New,
    /// <summary>A card reached at least one officer.</summary>
    Notified,
    /// <summary>Someone in a team channel took it on.</summary>
    Claimed,
    /// <summary>A risky reply waits for a manager.</summary>
    AwaitingApproval,
    /// <summary>A manager turned the reply down (with a reason); the officer can write another.</summary>
    Rejected,
    /// <summary>Approved and inside the undo window; posted when it ends.</summary>
    Scheduled,
    /// <summary>The undo window is over and the reply is being posted.</summary>
    Publishing,
    Sent,
    /// <summary>Posting was given up on; can be retried or escalated.</summary>
    Failed,
    /// <summary>Handed to the managers with a reason.</summary>
    Escalated,
    /// <summary>No reply needed (with a reason). Final.</summary>
    Dismissed,
}

public static class CaseStates
{
    /// <summary>Open: someone still has to decide what to do.</summary>
    public static bool IsOpen(this CaseState state) => state is CaseState.New or CaseState.Notified or CaseState.Claimed
        or CaseState.AwaitingApproval or CaseState.Rejected or CaseState.Failed or CaseState.Escalated;

    /// <summary>States in which a new card may still usefully be sent.</summary>
    public static readonly IReadOnlyList<CaseState> Actionable = Enum.GetValues<CaseState>().Where(IsOpen).ToArray();
}
