namespace ResponseBot.Domain.Cases;

public enum RefusalReason
{
    NotFound,
    NotOnCall,
    AlreadyHandled,
    EmptyReply,
    TooLong,
}

public abstract record CaseDecision
{
    /// <summary>Post <paramref name="ReplyText"/>; <paramref name="EditedFrom"/> is the suggestion it replaced, if edited.</summary>
    public sealed record Publish(string ReplyText, string Action, string? EditedFrom) : CaseDecision;

    public sealed record Refuse(RefusalReason Reason, string Message) : CaseDecision;
}
