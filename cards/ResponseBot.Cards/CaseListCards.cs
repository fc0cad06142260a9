using System.Globalization;
using System.Text.Json.Nodes;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>"open" and "case @handle": a page of cases, most urgent first, each opening its live card.</summary>
public static class CaseListCards
{
    public const string PageKey = "page";
    public const string HandleKey = "handle";

    public static AdaptiveCard List(CaseListModel m)
    {
        var title = m.Handle is null ? "Open cases" : "Cases from @" + m.Handle.TrimStart('@');
        var body = new List<Element>
        {
            Runs(Bold(title), new TextRun(m.Total == 0 ? "" : $"  {m.Total} in all · page {m.Page} of {m.Pages}") { IsSubtle = true }),
        };
        if (m.Notice is { } notice) body.Add(Plain(notice, color: "Accent"));
        if (m.Lines.Count == 0)
            body.Add(new TextBlock(m.Handle is null ? "Nothing open that you can see. New mentions will come to whoever is on call." : "No cases from that handle that you can see.")
                { Wrap = true, IsSubtle = true });
        foreach (var l in m.Lines) body.Add(Line(l, m));

        var actions = new List<CardAction>();
        if (m.Page > 1) actions.Add(Page("Previous", m.Page - 1, m.Handle));
        if (m.Page < m.Pages) actions.Add(Page("Next", m.Page + 1, m.Handle));
        actions.Add(Page("Refresh", m.Page, m.Handle));
        return new AdaptiveCard(body) { Actions = actions };
    }

    private static Container Line(CaseLine l, CaseListModel m)
    {
        var overdue = l.RespondBy is { } by && by < m.Now && l.State.IsOpenState();
        var age = (m.Now - l.ReceivedAt).TotalMinutes switch
        {
            < 1 => "just now",
            < 60 and var min => $"{(int)min} min ago",
            < 48 * 60 and var min => $"{(int)(min / 60)} h ago",
            var min => $"{(int)(min / 1440)} days ago",
        };
        var items = new List<Element>
        {
            Runs(Bold($"#{l.Id}"), new TextRun($" · {l.State} · {l.Account} · "), new TextRun("@" + l.AuthorHandle.TrimStart('@')), new TextRun($" · {age}") { IsSubtle = true }),
        };
        var facts = new List<TextRun>();
        if (l.RespondBy is { } respondBy && l.State.IsOpenState())
            facts.Add(overdue
                ? new TextRun($"OVERDUE: respond by {Clock(respondBy, m.Zone)[..5]}") { Color = "Attention", Weight = "Bolder" }
                : new TextRun($"Respond by {Clock(respondBy, m.Zone)[..5]}"));
        facts.Add(new TextRun(l.Holder is null ? " · nobody has it yet" : $" · held by {l.Holder}") { IsSubtle = l.Holder is null });
        if (l.Flags.Count > 0) facts.Add(new TextRun(" · " + string.Join(", ", l.Flags)) { Color = l.Flags.Contains("emergency") ? "Attention" : "Warning" });
        items.Add(new RichTextBlock(facts) { Spacing = "None" });
        items.Add(new ActionSet([CaseCardParts.Execute("Open", CardVerbs.Refresh, new JsonObject { [CardVerbs.CaseIdKey] = l.Id })]));
        return new Container(items) { Separator = true };
    }

    private static ExecuteAction Page(string title, int page, string? handle)
    {
        var data = new JsonObject { [PageKey] = page };
        if (handle is not null) data[HandleKey] = handle;
        return CaseCardParts.Execute(title, CardVerbs.CasesPage, data);
    }

    private static bool IsOpenState(this Domain.Cases.CaseState state) => Domain.Cases.CaseStates.IsOpen(state);
}
