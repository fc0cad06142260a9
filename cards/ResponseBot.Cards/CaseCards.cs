using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Cases;
using static ResponseBot.Cards.CardText;
using static ResponseBot.Cards.CaseCardParts;

namespace ResponseBot.Cards;

/// <summary>The card for one case, in its current state, for one viewer. Pure: same model, same JSON.</summary>
public static class CaseCards
{
    public static AdaptiveCard Build(CaseCardModel m)
    {
        var c = m.Case;
        var card = c.State switch
        {
            CaseState.AwaitingApproval when m.Allowed.Contains(CaseVerb.ManagerApprove) => ApprovalCards.Approval(m),
            CaseState.AwaitingApproval => ApprovalCards.Waiting(m),
            CaseState.Escalated when m.Allowed.Count == 0 => Closed(m, Who("Escalated to the managers by ", c.Decided?.Name ?? "someone",
                $" at {Time(c.Decided, m)}: {c.Reason}")),
            CaseState.Scheduled => OutcomeCards.Scheduled(m),
            CaseState.Publishing or CaseState.Sent => OutcomeCards.Sent(m),
            CaseState.Dismissed when c.DeletedAt is not null && c.Decided is null =>
                Closed(m, new TextBlock("Closed: the author deleted the post, so there is nothing to reply to.") { Weight = "Bolder", Wrap = true }),
            CaseState.Dismissed => Closed(m, Who("No reply needed: dismissed by ", c.Decided?.Name ?? "someone", $" at {Time(c.Decided, m)}. Reason: {c.Reason}")),
            _ => OfficerCards.Open(m),
        };
        return card with { Refresh = Refresh(m) };
    }

    /// <summary>For someone with no reason to see a case: says so, and nothing else.</summary>
    public static AdaptiveCard NoAccess() => new([
        new TextBlock("You don't have access to this case.") { Weight = "Bolder" },
        new TextBlock("Cases go to whoever is on call, the managers and the team channel. Ask the officer on call if you need it.") { Wrap = true, IsSubtle = true },
    ]);

    /// <summary>Text for notifications and clients that can't show cards. Holds no public text.</summary>
    public static string Summary(CaseCardModel m) => m.Case.State switch
    {
        CaseState.AwaitingApproval => $"Case #{m.Case.Id}: reply awaiting approval",
        CaseState.Escalated => $"Case #{m.Case.Id}: escalated",
        CaseState.Scheduled => $"Case #{m.Case.Id}: reply scheduled",
        CaseState.Sent => $"Case #{m.Case.Id}: reply sent",
        CaseState.Publishing => $"Case #{m.Case.Id}: reply being posted",
        CaseState.Dismissed => $"Case #{m.Case.Id}: no reply needed",
        CaseState.Failed => $"Case #{m.Case.Id}: posting failed",
        _ => $"New mention for {m.Account.PostedAs} (case #{m.Case.Id})",
    };

    internal static string Time(Stamp? stamp, CaseCardModel m) => stamp is { } s ? When(s.At, m.Zone) : "an unknown time";

    internal static AdaptiveCard Card(CaseCardModel m, IEnumerable<Element> body, IReadOnlyList<CardAction>? actions)
    {
        var all = new List<Element>();
        if (m.Notice is { } notice) all.Add(Banner(notice));
        if (m.Compact) all.Add(Banner("Shortened to fit Teams: open the post for the whole text.", "Warning"));
        all.AddRange(body);
        // The link sits in the body so the card's own actions stay within hosts' five-action limit.
        if (SafeLink(m.Case.Mention.Url, m.Account.LinkHosts) is { } link)
            all.Add(new ActionSet([new OpenUrlAction("Open post", link)]));
        return new AdaptiveCard(all) { Actions = actions is { Count: > 0 } ? actions : null, Teams = new TeamsCardOptions("Full") };
    }

    private static AdaptiveCard Closed(CaseCardModel m, Element status) => Card(m, [status, .. Header(m)], null);
}
