namespace ResponseBot.Domain.Cases;

/// <summary>The action names written to the decision log. Stable: FOI exports and reports key on them.</summary>
public static class DecisionActions
{
    public const string Received = "received";
    public const string Notified = "notified";
    /// <summary>A reply was written and, being risky, sent to a manager.</summary>
    public const string Drafted = "drafted";
    /// <summary>The suggested reply was approved for sending.</summary>
    public const string Approved = "approved";
    /// <summary>An edited reply was approved for sending.</summary>
    public const string Edited = "edited_and_approved";
    public const string ManagerApproved = "manager_approved";
    public const string ManagerEdited = "manager_edited_and_approved";
    public const string Rejected = "rejected";
    public const string Escalated = "escalated";
    public const string Dismissed = "dismissed";
    public const string Claimed = "claimed";
    /// <summary>"I'm on it": someone took the case in hand; the acknowledge escalation stopped, a respond-by timer started.</summary>
    public const string Acknowledged = "acknowledged";
    public const string Snoozed = "snoozed";
    public const string Undone = "undone";
    public const string Retried = "retried";
    public const string Publishing = "publishing";
    public const string Published = "published";
    public const string PublishFailed = "publish_failed";
    public const string Undeliverable = "undeliverable";
    public const string Refused = "refused";
    public const string WentOnCall = "went_on_call";
    public const string WentOffCall = "went_off_call";
    /// <summary>Nobody acted in time, so a timer brought the case to the next person in the chain.</summary>
    public const string EscalatedByTimer = "escalated_by_timer";
    /// <summary>Every round of the escalation chain passed with nobody acting.</summary>
    public const string EscalationExhausted = "escalation_exhausted";
    /// <summary>A rota layer changed hands (shift start/end); open cases were handed over.</summary>
    public const string ShiftChanged = "shift_changed";
    /// <summary>A coordinator added, changed or removed rota cover.</summary>
    public const string RotaChanged = "rota_changed";
    /// <summary>A manager added, changed, ended or removed a pre-election period.</summary>
    public const string ElectionPeriodChanged = "election_period_changed";
    /// <summary>The automatic holding reply was posted (text and platform id recorded), or given up on.</summary>
    public const string HoldingReplySent = "holding_reply_sent";
    public const string HoldingReplyFailed = "holding_reply_failed";
    /// <summary>"Cover me": someone took a swap request; a coordinator approved or declined it.</summary>
    public const string SwapTaken = "swap_taken";
    public const string SwapApproved = "swap_approved";
    public const string SwapDeclined = "swap_declined";
    /// <summary>The author edited or deleted the mention on the platform (the text before and after are kept).</summary>
    public const string MentionEdited = "mention_edited";
    public const string MentionDeleted = "mention_deleted";
    /// <summary>The mention was hidden on (or shown again on) the platform; the text as it was is kept as evidence.</summary>
    public const string Hidden = "hidden";
    public const string Unhidden = "unhidden";
    public const string HideFailed = "hide_failed";
    /// <summary>A storm of near-duplicates started (on its lead case) or took this case in.</summary>
    public const string StormStarted = "storm_started";
    public const string JoinedStorm = "joined_storm";
    /// <summary>The case continues a conversation: the same person's recent case, or a post it replies to (detail: thread).</summary>
    public const string JoinedThread = "joined_thread";
    /// <summary>The router couldn't route the case: set aside with no card (detail: error), so the others aren't held up.</summary>
    public const string RoutingFailed = "routing_failed";
    /// <summary>The statement approved for a whole storm was posted in reply to this member of it.</summary>
    public const string StormStatement = "storm_statement";
    /// <summary>Someone was paged beyond Teams (channel and staff id, never the address or number), or could not be.</summary>
    public const string Paged = "paged";
    public const string NotPaged = "not_paged";
    public const string PageFailed = "page_failed";
}
