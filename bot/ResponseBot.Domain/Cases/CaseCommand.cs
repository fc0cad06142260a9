namespace ResponseBot.Domain.Cases;

/// <summary>What a member of staff asked to do with a case, from a card button.</summary>
public abstract record CaseCommand(long CaseId)
{
    public sealed record Approve(long CaseId) : CaseCommand(CaseId);

    public sealed record SendEdited(long CaseId, string Text) : CaseCommand(CaseId);
}
