using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Replies;

namespace ResponseBot.Domain.Cases;

/// <summary>The pure rules for acting on a case; the store then applies the result atomically.</summary>
public static class CaseRules
{
    public static CaseDecision Decide(CaseRecord current, Account account, bool actorIsOnCall, CaseCommand command)
    {
        if (!current.State.IsOpen())
            return new CaseDecision.Refuse(RefusalReason.AlreadyHandled, AlreadyHandledMessage(current));
        if (!actorIsOnCall)
            return new CaseDecision.Refuse(RefusalReason.NotOnCall,
                "You're not the officer on call, so you can't act on this case. Send \"on call\" to take over first.");

        var suggestion = ReplyTemplates.SuggestFor(current.Mention, account);
        return command switch
        {
            CaseCommand.Approve => new CaseDecision.Publish(suggestion, DecisionActions.Approved, null),
            CaseCommand.SendEdited edit => DecideEdit(edit.Text, suggestion, account.ReplyLimit),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }

    private static CaseDecision DecideEdit(string text, string suggestion, int limit)
    {
        var reply = ReplyText.Normalise(text);
        if (reply.Length == 0)
            return new CaseDecision.Refuse(RefusalReason.EmptyReply, "The reply is empty. Write a reply or approve the suggested one.");
        var length = ReplyText.Length(reply);
        if (length > limit)
            return new CaseDecision.Refuse(RefusalReason.TooLong, $"The reply is {length} characters; this account allows {limit}.");
        return new CaseDecision.Publish(reply, DecisionActions.Edited, suggestion);
    }

    public static string AlreadyHandledMessage(CaseRecord current) =>
        current.DecidedByName is { } who
            ? $"Already handled by {who}."
            : "This case has already been handled.";
}
