namespace ResponseBot.Domain.Cases;

/// <summary>What can be done to a case from its card: the buttons <see cref="CaseWorkflow.Allowed"/> hands out.</summary>
public enum CaseVerb
{
    Approve,
    SendEdited,
    Escalate,
    Dismiss,
    Claim,
    ManagerApprove,
    ManagerEditApprove,
    Reject,
    Undo,
    Retry,
    Acknowledge,
    Snooze,
    Hide,
    Unhide,
}
