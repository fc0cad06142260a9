using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CardText;
using static ResponseBot.Cards.CaseCardParts;

namespace ResponseBot.Cards;

/// <summary>After the decision: the undo window, then who sent what.</summary>
internal static class OutcomeCards
{
    public static AdaptiveCard Scheduled(CaseCardModel m)
    {
        var c = m.Case;
        var body = new List<Element>
        {
            Who("Approved by ", c.Decided?.Name ?? "someone", $" at {CaseCards.Time(c.Decided, m)}."),
            Banner($"Posting as {m.Account.PostedAs} at {Clock(c.ScheduledFor ?? c.Decided?.At ?? c.ReceivedAt, m.Zone)}. Undo before then to stop it.", "Warning"),
        };
        body.AddRange(Header(m));
        body.AddRange(Reply("Reply", c.ReplyText ?? "", m.Account.ReplyLimit));
        return CaseCards.Card(m, body, m.Allowed.Contains(Domain.Cases.CaseVerb.Undo) ? [Execute("Undo", CardVerbs.Undo, Data(m), "destructive")] : null);
    }

    public static AdaptiveCard Sent(CaseCardModel m)
    {
        var c = m.Case;
        var sent = c.State == Domain.Cases.CaseState.Sent;
        var body = new List<Element>
        {
            sent
                ? Who("Sent by ", c.Decided?.Name ?? "someone", $" at {When(c.PublishedAt ?? c.Decided?.At ?? c.ReceivedAt, m.Zone)}")
                : Who("Approved by ", c.Decided?.Name ?? "someone", $" at {CaseCards.Time(c.Decided, m)} — posting now…"),
        };
        if (c.Approved is { } approved && c.Drafted is { } drafted && drafted.Id != approved.Id)
            body.Add(Runs(new TextRun("Drafted by ") { IsSubtle = true }, new TextRun(drafted.Name) { IsSubtle = true },
                new TextRun(", approved by ") { IsSubtle = true }, new TextRun(approved.Name) { IsSubtle = true }));
        body.AddRange(Header(m));
        body.AddRange(Reply("Reply", c.ReplyText ?? "", m.Account.ReplyLimit));
        if (c.PlatformReplyId is { } replyId)
            body.Add(Runs(new TextRun("Platform post id: ") { IsSubtle = true }, new TextRun(replyId) { IsSubtle = true }));
        var link = SafeLink(c.PlatformReplyUrl, m.Account.LinkHosts);
        return CaseCards.Card(m, body, link is null ? null : [new OpenUrlAction("Open posted reply", link)]);
    }
}
