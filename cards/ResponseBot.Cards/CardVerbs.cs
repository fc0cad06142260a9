namespace ResponseBot.Cards;

/// <summary>The verbs our cards send back, and the data and input keys they carry. The bot layer keys on these.</summary>
public static class CardVerbs
{
    public const string Approve = "case.approve";
    public const string SendEdited = "case.send_edited";
    public const string Escalate = "case.escalate";
    public const string Dismiss = "case.dismiss";
    public const string Claim = "case.claim";
    public const string ManagerApprove = "case.manager_approve";
    public const string ManagerEditApprove = "case.manager_edit_approve";
    public const string Reject = "case.reject";
    public const string Undo = "case.undo";
    public const string Retry = "case.retry";
    public const string Acknowledge = "case.acknowledge";
    public const string Snooze = "case.snooze";
    public const string Hide = "case.hide";
    public const string Unhide = "case.unhide";
    public const string UseTemplate = "case.use_template";
    public const string Refresh = "case.refresh";
    /// <summary>A page of the "open" / "case @handle" list.</summary>
    public const string CasesPage = "cases.page";

    // The rota: shown, and changed by coordinators.
    public const string RotaWeek = "rota.week";
    public const string WhoIsOnCall = "rota.who";
    public const string AddOverride = "rota.override.add";
    public const string ChangeOverride = "rota.override.change";
    public const string RemoveOverride = "rota.override.remove";
    public const string TakeSwap = "rota.swap.take";
    public const string ViewSwap = "rota.swap.view";
    public const string ApproveSwap = "rota.swap.approve";
    public const string DeclineSwap = "rota.swap.decline";

    // Pre-election periods: shown to everyone, changed by managers.
    public const string Elections = "elections.view";
    public const string AddElection = "elections.add";
    public const string ChangeElection = "elections.change";
    public const string EndElection = "elections.end";
    public const string RemoveElection = "elections.remove";

    public const string VerbKey = "verb";
    /// <summary>A command button's words ("open", "on call"): read as if typed.</summary>
    public const string CommandKey = "command";
    public const string OverrideIdKey = "overrideId";
    public const string ElectionIdKey = "electionId";
    public const string SwapIdKey = "swapId";
    public const string CaseIdKey = "caseId";
    public const string VersionKey = "version";
    public const string TemplateKey = "template";

    // Input ids: unique within a card, since one card holds several forms.
    public const string ReplyTextInputId = "replyText";
    public const string ManagerReplyTextInputId = "managerReplyText";
    public const string EscalateReasonInputId = "escalateReason";
    public const string DismissReasonInputId = "dismissReason";
    public const string RejectReasonInputId = "rejectReason";
    public const string TemplateChoiceInputId = "templateChoice";
    public const string SnoozeMinutesInputId = "snoozeMinutes";
    public const string HideReasonInputId = "hideReason";
    public const string OverrideLayerInputId = "coverLayer";
    public const string OverrideStaffInputId = "coverStaff";
    public const string OverrideStartDateInputId = "coverStartDate";
    public const string OverrideStartTimeInputId = "coverStartTime";
    public const string OverrideEndDateInputId = "coverEndDate";
    public const string OverrideEndTimeInputId = "coverEndTime";
    public const string ElectionNameInputId = "electionName";
    public const string ElectionFromInputId = "electionFrom";
    public const string ElectionToInputId = "electionTo";
    public const string ElectionScopeInputId = "electionScope";
}
