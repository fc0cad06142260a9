namespace ResponseBot.Domain.Cases;

/// <summary>The action names written to the decision log. Stable: FOI exports and reports key on them.</summary>
public static class DecisionActions
{
    public const string Received = "received";
    public const string Notified = "notified";
    public const string Approved = "approved";
    public const string Edited = "edited_and_approved";
    public const string Published = "published";
    public const string PublishFailed = "publish_failed";
    public const string Undeliverable = "undeliverable";
    public const string WentOnCall = "went_on_call";
    public const string WentOffCall = "went_off_call";
}
