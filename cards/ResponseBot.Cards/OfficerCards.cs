using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using static ResponseBot.Cards.CaseCardParts;

namespace ResponseBot.Cards;

/// <summary>An open case for whoever may act on it: approve, edit, escalate, dismiss, saved replies, claim, retry.</summary>
internal static class OfficerCards
{
    public static AdaptiveCard Open(CaseCardModel m)
    {
        var c = m.Case;
        var body = new List<Element>();
        switch (c.State)
        {
            case CaseState.Failed:
                body.Add(Banner($"Posting failed: {c.FailureReason ?? "unknown error"}. Retry, edit or escalate."));
                break;
            case CaseState.Rejected:
                body.Add(Who("Reply rejected by ", c.Decided?.Name ?? "a manager", $" at {CaseCards.Time(c.Decided, m)}: {c.Reason}"));
                break;
            case CaseState.Escalated:
                body.Add(Who("Escalated by ", c.Decided?.Name ?? "someone", $" at {CaseCards.Time(c.Decided, m)}: {c.Reason}"));
                break;
            case CaseState.Claimed when c.Claimed is { } claim:
                body.Add(Who("Claimed by ", claim.Name, $" at {CaseCards.Time(claim, m)}"));
                break;
        }
        body.AddRange(InHand(m));
        if (InHandActions(m) is { } inHand) body.Add(inHand);
        body.AddRange(Header(m));
        var failedReply = c.State == CaseState.Failed && c.ReplyText is not null;
        body.AddRange(Reply(failedReply ? "Reply that failed" : "Suggested reply", failedReply ? c.ReplyText! : m.Suggestion, m.Account.ReplyLimit));

        // Exactly what the viewer may do (CaseWorkflow.Allowed): the card never decides that itself.
        var allowed = m.Allowed;
        var actions = new List<CardAction>();
        if (allowed.Contains(CaseVerb.Retry))
            actions.Add(Execute("Retry", CardVerbs.Retry, Data(m), "positive"));
        if (allowed.Contains(CaseVerb.Claim))
            actions.Add(Execute("Claim", CardVerbs.Claim, Data(m), "positive"));
        if (allowed.Contains(CaseVerb.Approve))
            actions.Add(Execute(StormCard.Leads(m) ? "Reply to all" : "Approve & send", CardVerbs.Approve, Data(m, m.Template), "positive"));
        // An undone or rejected draft is offered back for editing rather than lost.
        var editText = c.State is CaseState.Rejected or CaseState.Failed or CaseState.Notified && c.DraftText is not null ? c.DraftText ?? m.Suggestion : m.Suggestion;
        if (allowed.Contains(CaseVerb.SendEdited))
            actions.Add(Form("Edit", ReplyInput(CardVerbs.ReplyTextInputId, "Your reply", editText, m.Account.ReplyLimit),
                Execute("Send reply", CardVerbs.SendEdited, Data(m), "positive")));
        if (allowed.Contains(CaseVerb.Escalate))
            actions.Add(Form("Escalate", ReasonInput(CardVerbs.EscalateReasonInputId, "Why does a manager need to see this?"),
                Execute("Escalate to manager", CardVerbs.Escalate, Data(m))));
        if (allowed.Contains(CaseVerb.Dismiss))
            actions.Add(StormCard.Leads(m)
                ? Form("Dismiss all", ReasonInput(CardVerbs.DismissReasonInputId, "Why does none of these need a reply?"),
                    Execute("Dismiss all", CardVerbs.Dismiss, Data(m), "destructive"))
                : Form("No reply needed", ReasonInput(CardVerbs.DismissReasonInputId, "Why doesn't this need a reply?"),
                    Execute("Dismiss", CardVerbs.Dismiss, Data(m), "destructive")));
        if (m.SavedReplies.Count > 0 && allowed.Contains(CaseVerb.SendEdited) && !m.Compact)
            actions.Add(new ShowCardAction("Saved replies", new AdaptiveCard([
                new ChoiceSetInput
                {
                    Id = CardVerbs.TemplateChoiceInputId,
                    Label = "Use a saved reply",
                    Value = m.Template ?? m.SavedReplies[0].Name,
                    Choices = m.SavedReplies.Select(r => new Choice(r.Name, r.Name)).ToList(),
                },
            ]) { Schema = null, Version = null, Actions = [Execute("Use this reply", CardVerbs.UseTemplate, Data(m))] }));
        return CaseCards.Card(m, body, actions);
    }
}
