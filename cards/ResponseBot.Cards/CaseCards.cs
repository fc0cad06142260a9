using System.Text.Json.Nodes;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>The card for one case, in whatever state it is in now. Pure: same model, same JSON.</summary>
public static class CaseCards
{
    public static AdaptiveCard Build(CaseCardModel m) => m.Case.State switch
    {
        CaseState.Publishing => Outcome(m, "Approved by ", " — posting now…"),
        CaseState.Sent => Outcome(m, "Sent by ", ""),
        _ => Actionable(m),
    };

    /// <summary>Text for notifications and clients that can't show cards. Holds no public text.</summary>
    public static string Summary(CaseCardModel m) => m.Case.State switch
    {
        CaseState.Sent => $"Case #{m.Case.Id}: reply sent",
        CaseState.Publishing => $"Case #{m.Case.Id}: reply approved",
        _ => $"New mention for {m.Account.PostedAs} (case #{m.Case.Id})",
    };

    private static AdaptiveCard Actionable(CaseCardModel m)
    {
        var c = m.Case;
        var body = new List<Element>();
        if (c.State == CaseState.Failed)
            body.Add(new RichTextBlock([new TextRun($"Posting failed: {c.FailureReason ?? "unknown error"}. Approve or edit to try again.") { Color = "Attention", Weight = "Bolder" }]));
        if (m.Notice is { } notice)
            body.Add(new RichTextBlock([new TextRun(notice) { Color = "Attention" }]));
        body.AddRange(Header(m));
        body.Add(new TextBlock("Suggested reply") { Weight = "Bolder", Spacing = "Medium" });
        body.Add(Plain(m.SuggestedReply));
        body.Add(new TextBlock($"{ReplyText.Length(m.SuggestedReply)} / {m.Account.ReplyLimit} characters") { IsSubtle = true, Size = "Small", Spacing = "None" });

        var data = () => new JsonObject { [CardVerbs.CaseIdKey] = c.Id };
        var editCard = new AdaptiveCard([
            new TextInput
            {
                Id = CardVerbs.ReplyTextInputId,
                Label = "Your reply",
                Value = m.SuggestedReply,
                IsMultiline = true,
                MaxLength = m.Account.ReplyLimit,
                IsRequired = true,
                ErrorMessage = "Write a reply before sending.",
            },
        ])
        {
            Schema = null,
            Version = null,
            Actions = [Execute("Send reply", CardVerbs.SendEdited, data(), "positive")],
        };

        var actions = new List<CardAction>
        {
            Execute("Approve & send", CardVerbs.Approve, data(), "positive"),
            new ShowCardAction("Edit", editCard),
        };
        if (SafeLink(c.Mention.Url) is { } link)
            actions.Add(new OpenUrlAction("Open post", link));
        return Card(body, actions);
    }

    private static AdaptiveCard Outcome(CaseCardModel m, string lead, string tail)
    {
        var c = m.Case;
        var when = c.State == CaseState.Sent ? c.PublishedAt ?? c.DecidedAt : c.DecidedAt;
        var body = new List<Element>
        {
            Runs(new TextRun(lead), Bold(c.DecidedByName ?? "someone"), new TextRun($" at {(when is { } w ? When(w, m.Zone) : "an unknown time")}{tail}")),
        };
        body.AddRange(Header(m));
        body.Add(new TextBlock("Reply") { Weight = "Bolder", Spacing = "Medium" });
        body.Add(Plain(c.ReplyText ?? ""));
        if (c.PlatformReplyId is { } replyId)
            body.Add(Runs(new TextRun("Platform post id: ") { IsSubtle = true }, new TextRun(replyId) { IsSubtle = true }));
        return Card(body, actions: SafeLink(c.Mention.Url) is { } link ? [new OpenUrlAction("Open post", link)] : null);
    }

    private static IEnumerable<Element> Header(CaseCardModel m)
    {
        var c = m.Case;
        yield return new TextBlock($"Case #{c.Id} · mention received {When(c.ReceivedAt, m.Zone)}") { IsSubtle = true, Size = "Small" };
        yield return Runs(new TextRun("Reply will be posted as "), Bold(m.Account.PostedAs));
        yield return Runs(Bold(c.Mention.Author.Name), new TextRun("  @" + c.Mention.Author.Handle.TrimStart('@')) { IsSubtle = true });
        yield return new Container([Plain(c.Mention.Text)]) { Style = "emphasis" };
    }

    private static ExecuteAction Execute(string title, string verb, JsonObject data, string? style = null)
    {
        var fallbackData = data.DeepClone().AsObject();
        fallbackData[CardVerbs.VerbKey] = verb;
        return new ExecuteAction(title, verb, data) { Style = style, Fallback = new SubmitAction(title, fallbackData) { Style = style } };
    }

    private static AdaptiveCard Card(IReadOnlyList<Element> body, IReadOnlyList<CardAction>? actions) =>
        new(body) { Actions = actions, Teams = new TeamsCardOptions("Full") };
}
