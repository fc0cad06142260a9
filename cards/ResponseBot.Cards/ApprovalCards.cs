using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CaseCardParts;

namespace ResponseBot.Cards;

/// <summary>Four eyes: the manager's approval card, and what everyone else sees meanwhile.</summary>
internal static class ApprovalCards
{
    public static AdaptiveCard Approval(CaseCardModel m)
    {
        var c = m.Case;
        var body = DraftBody(m, $"Approval needed: {c.Reason}");
        if (c.ReplyText != m.Suggestion)
            body.Add(new RichTextBlock([new TextRun("Suggested reply was: ") { IsSubtle = true }, new TextRun(m.Suggestion) { IsSubtle = true, Italic = true }]));
        return CaseCards.Card(m, body,
        [
            Execute("Approve", CardVerbs.ManagerApprove, Data(m), "positive"),
            Form("Edit & approve", ReplyInput(CardVerbs.ManagerReplyTextInputId, "Reply to approve", c.ReplyText ?? "", m.Account.ReplyLimit),
                Execute("Approve edited reply", CardVerbs.ManagerEditApprove, Data(m), "positive")),
            Form("Reject", ReasonInput(CardVerbs.RejectReasonInputId, "Why is this reply rejected?"),
                Execute("Reject reply", CardVerbs.Reject, Data(m), "destructive")),
        ]);
    }

    public static AdaptiveCard Waiting(CaseCardModel m) => CaseCards.Card(m, DraftBody(m, $"Waiting for a manager's approval: {m.Case.Reason}"), null);

    private static List<Element> DraftBody(CaseCardModel m, string banner)
    {
        var c = m.Case;
        var body = new List<Element> { Banner(banner, "Warning"), Who("Drafted by ", c.Drafted?.Name ?? "someone", $" at {CaseCards.Time(c.Drafted, m)}") };
        body.AddRange(Header(m));
        body.AddRange(Reply("Draft reply", c.ReplyText ?? "", m.Account.ReplyLimit));
        return body;
    }
}
