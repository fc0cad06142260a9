namespace ResponseBot.Domain.Cases;

public enum CaseState
{
    /// <summary>Stored; no card delivered yet (e.g. nobody on call).</summary>
    New,
    /// <summary>A card reached at least one officer.</summary>
    Notified,
    /// <summary>A reply was approved and waits in the outbox to be posted.</summary>
    Publishing,
    Sent,
    /// <summary>Posting was given up on; the case is open again so someone can retry.</summary>
    Failed,
}

public static class CaseStates
{
    public static bool IsOpen(this CaseState state) => state is CaseState.New or CaseState.Notified or CaseState.Failed;

    /// <summary>States in which a reply may be approved, as stored in the database.</summary>
    public static readonly string[] Actionable = [nameof(CaseState.New), nameof(CaseState.Notified), nameof(CaseState.Failed)];
}
