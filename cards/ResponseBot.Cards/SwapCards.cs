using System.Text.Json.Nodes;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Rota;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

public static class SwapCards
{
    /// <summary>Offered to the others on the rota: "I'll cover" while open, then who took it.</summary>
    public static AdaptiveCard Offer(SwapCardModel m) => Card(m, "Cover request",
        m.Request.Status == SwapStatus.Open ? [Execute("I'll cover", CardVerbs.TakeSwap, m.Request.Id, "positive")] : []) with
    {
        // Universal Actions refresh (at most 60 users): Teams asks for the current card when one of them views it.
        Refresh = m.RefreshFor.Count > 0 ? new CardRefresh(new ExecuteAction("Refresh", CardVerbs.ViewSwap, Data(m.Request.Id)), m.RefreshFor.Take(60).ToList()) : null,
    };

    /// <summary>For coordinators, once someone has taken it: approve or decline.</summary>
    public static AdaptiveCard Approval(SwapCardModel m) => Card(m, "Cover swap to approve",
        m.Request.Status == SwapStatus.Taken
            ? [Execute("Approve", CardVerbs.ApproveSwap, m.Request.Id, "positive"), Execute("Decline", CardVerbs.DeclineSwap, m.Request.Id, "destructive")]
            : []);

    private static AdaptiveCard Card(SwapCardModel m, string title, IReadOnlyList<CardAction> actions)
    {
        var body = new List<Element>
        {
            new TextBlock(title) { Weight = "Bolder", Size = "Medium" },
            Runs(Bold(m.RequesterName), new TextRun($" asks for cover: {RotaText.Title(m.Request.Layer)}, " +
                $"{RotaText.Local(m.Request.Start, m.Zone)} to {RotaText.Local(m.Request.End, m.Zone)}.")),
        };
        body.Add(m.Request.Status switch
        {
            SwapStatus.Taken => Runs(new TextRun("Taken by "), Bold(m.TakerName ?? "someone"), new TextRun(": waiting for a rota coordinator to approve.")),
            SwapStatus.Approved => Runs(new TextRun("Covered by ") { Color = "Good" }, new TextRun(m.TakerName ?? "someone") { Color = "Good", Weight = "Bolder" }, new TextRun(".") { Color = "Good" }),
            SwapStatus.Declined => Runs(new TextRun("Declined by a coordinator: the shift stays with ") { Color = "Attention" }, new TextRun(m.RequesterName) { Color = "Attention", Weight = "Bolder" }, new TextRun(".") { Color = "Attention" }),
            _ => new TextBlock("Can you take it? The first to say yes covers it.") { Spacing = "Small" },
        });
        if (m.Notice is { } notice) body.Add(Plain(notice, color: "Accent"));
        return new AdaptiveCard(body) { Actions = actions.Count > 0 ? actions : null };
    }

    private static ExecuteAction Execute(string title, string verb, Guid id, string style) => CaseCardParts.Execute(title, verb, Data(id), style);

    private static JsonObject Data(Guid id) => new() { [CardVerbs.SwapIdKey] = id.ToString() };
}
