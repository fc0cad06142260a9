using ResponseBot.Application.Views;
using System.Text.Json.Nodes;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Replies;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>The pieces every case card is built from.</summary>
internal static class CaseCardParts
{
    private static readonly Dictionary<string, string> FlagNames = new()
    {
        ["emergency"] = "EMERGENCY", ["personal-data"] = "personal data", ["political"] = "political",
        ["media"] = "media enquiry", ["abuse"] = "abuse", ["complaint"] = "complaint", ["link"] = "contains a link",
    };

    /// <summary>Who wrote what, where, and where our reply would go, and whether the post is hidden. All public text goes into TextRuns.</summary>
    public static IEnumerable<Element> Header(CaseCardModel m)
    {
        var c = m.Case;
        yield return new TextBlock($"Case #{c.Id} · {m.Account.PlatformName} mention received {When(c.ReceivedAt, m.Zone)}")
            { IsSubtle = true, Size = "Small" };
        if (c.Flags.Count > 0)
        {
            var emergency = c.Flags.Contains("emergency");
            yield return new TextBlock("Flags: " + string.Join(", ", c.Flags.Select(f => FlagNames.GetValueOrDefault(f, f))))
                { Color = emergency ? "Attention" : "Warning", Weight = "Bolder", Spacing = "Small" };
            if (emergency)
                yield return new TextBlock("If someone is in danger, reply with the 999 advice and escalate.") { Color = "Attention", Spacing = "None" };
        }
        if (c.Tags.Count > 0)
            yield return new TextBlock("Tags: " + string.Join(", ", c.Tags)) { Size = "Small", Spacing = "Small" };
        // So whoever answers knows before reading the post, and that the suggestion is the Welsh one where there is one.
        if (c.Language == Domain.Triage.Languages.Welsh)
            yield return new TextBlock("Cymraeg / Welsh") { Size = "Small", Weight = "Bolder", Spacing = "None" };
        if (c.RespondBy is { } by && c.State is not (Domain.Cases.CaseState.Sent or Domain.Cases.CaseState.Dismissed))
            yield return new TextBlock($"Respond by {When(by, m.Zone)}") { Size = "Small", Spacing = "None" };
        foreach (var e in StormCard.Summary(m)) yield return e;
        if (m.PreElection is { } period) yield return ElectionCards.Banner(period);
        yield return Runs(new TextRun("Reply will be posted as "), Bold(m.Account.PostedAs));
        if (m.Thread is { Conversation.Count: > 0 } conversation)
            yield return new TextBlock("Same conversation: " + string.Join(" · ", conversation.Conversation.Select(e => $"case #{e.Id} ({CaseLine(e.State)})")) +
                ". Send \"case <number>\" to see one.") { Wrap = true, IsSubtle = true, Size = "Small" };
        if (m.Thread is { ParentAuthor: not null, ParentText: not null } t)
        {
            yield return Runs(new TextRun("In reply to ") { IsSubtle = true }, new TextRun(t.ParentAuthor) { IsSubtle = true, Weight = "Bolder" },
                new TextRun(": " + CardLimits.Bounded(t.ParentText, CardLimits.MaxThreadText)) { IsSubtle = true, Italic = true });
            if (t.OurReply is { } ours)
                yield return Runs(new TextRun("Our earlier reply: ") { IsSubtle = true }, new TextRun(ours) { IsSubtle = true, Italic = true });
        }
        yield return Runs(Bold(c.Mention.Author.Name), new TextRun("  @" + c.Mention.Author.Handle.TrimStart('@')) { IsSubtle = true });
        // Bounded so any post fits Teams' card size; the whole text stays in the case and the log, and "Open post" shows it.
        yield return new Container([Plain(CardLimits.Bounded(c.Mention.Text, m.Compact ? CardLimits.MaxCompactMentionText : CardLimits.MaxMentionText))])
            { Style = "emphasis" };
        foreach (var e in Moderation(m)) yield return e;
    }

    private static string CaseLine(Domain.Cases.CaseState state) => state switch
    {
        Domain.Cases.CaseState.Sent => "replied",
        Domain.Cases.CaseState.Dismissed => "closed",
        Domain.Cases.CaseState.Scheduled or Domain.Cases.CaseState.Publishing => "reply going out",
        Domain.Cases.CaseState.AwaitingApproval => "awaiting approval",
        _ => "open",
    };

    /// <summary>Who has the case in hand and until when it waits: on every copy, so nobody else starts on it.</summary>
    public static IEnumerable<Element> InHand(CaseCardModel m)
    {
        var c = m.Case;
        if (!Domain.Cases.CaseStates.IsOpen(c.State)) yield break;
        if (c.Acknowledged is { } ack)
            yield return Runs(Bold(ack.Name), new TextRun($" is on it (since {When(ack.At, m.Zone)})."));
        if (c.Snoozed is { } snooze && c.SnoozedUntil is { } until)
            yield return Who("Snoozed by ", snooze.Name, $" until {When(until, m.Zone)}.");
    }

    /// <summary>"I'm on it" and "Snooze", in the body so the card's own actions stay within hosts' limit.</summary>
    public static ActionSet? InHandActions(CaseCardModel m)
    {
        var actions = new List<CardAction>();
        if (m.Allowed.Contains(Domain.Cases.CaseVerb.Acknowledge))
            actions.Add(Execute("I'm on it", CardVerbs.Acknowledge, Data(m), "positive"));
        if (m.Allowed.Contains(Domain.Cases.CaseVerb.Snooze) && m.SnoozeChoices.Count > 0)
            actions.Add(new ShowCardAction("Snooze", new AdaptiveCard([
                new ChoiceSetInput
                {
                    Id = CardVerbs.SnoozeMinutesInputId,
                    Label = "Remind the rota again in",
                    Value = m.SnoozeChoices[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Choices = m.SnoozeChoices.Select(n => new Choice($"{n} minutes", n.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(),
                },
            ]) { Schema = null, Version = null, Actions = [Execute("Snooze", CardVerbs.Snooze, Data(m))] }));
        return actions.Count > 0 ? new ActionSet(actions) : null;
    }

    /// <summary>
    /// Whether the post is hidden on the platform and the Hide / Unhide buttons the viewer may use; where the platform has no
    /// hiding, it says so rather than leave people looking for a button. On every card of the case, open or closed.
    /// </summary>
    public static IEnumerable<Element> Moderation(CaseCardModel m)
    {
        var c = m.Case;
        var platform = m.Account.PlatformName;
        if (c.DeletedAt is { } deleted)
            yield return new TextBlock($"The author deleted this post on {platform} at {When(deleted, m.Zone)}; its text is kept here as it was.")
                { Wrap = true, Color = "Warning", Size = "Small" };
        else if (c.EditedAt is { } edited)
            yield return new TextBlock($"Edited by its author at {When(edited, m.Zone)}: this is the new text (the first is in the decision log).")
                { Wrap = true, IsSubtle = true, Size = "Small" };
        if (m.Account.Platform is not Platform.Generic && !PlatformFacts.CanHide(m.Account.Platform))
        {
            yield return new TextBlock($"{platform} has no way for an account to hide a reply: report or block it on {platform} if it is abusive.")
                { Wrap = true, IsSubtle = true, Size = "Small" };
            yield break;
        }
        if (c.Hidden is { } hidden)
            yield return Runs(new TextRun($"Hidden on {platform} by ") { Color = "Warning" }, Bold(hidden.Name),
                new TextRun($" at {When(hidden.At, m.Zone)}" + (c.HiddenReason is { } why ? $": {why}" : "")) { Color = "Warning" });
        if (m.Allowed.Contains(Domain.Cases.CaseVerb.Hide))
            yield return new ActionSet([Form($"Hide on {platform}",
                ReasonInput(CardVerbs.HideReasonInputId, "Why hide it? (kept with the post's text as evidence)"),
                Execute("Hide", CardVerbs.Hide, Data(m), "destructive"))]);
        if (m.Allowed.Contains(Domain.Cases.CaseVerb.Unhide))
            yield return new ActionSet([Execute($"Unhide on {platform}", CardVerbs.Unhide, Data(m))]);
    }

    public static IEnumerable<Element> Reply(string heading, string text, int limit)
    {
        yield return new TextBlock(heading) { Weight = "Bolder", Spacing = "Medium" };
        yield return Plain(text);
        yield return new TextBlock($"{ReplyText.Length(text)} / {limit} characters") { IsSubtle = true, Size = "Small", Spacing = "None" };
    }

    public static JsonObject Data(CaseCardModel m, string? template = null)
    {
        var data = new JsonObject { [CardVerbs.CaseIdKey] = m.Case.Id, [CardVerbs.VersionKey] = m.Case.Version };
        if (template is not null) data[CardVerbs.TemplateKey] = template;
        return data;
    }

    /// <summary>Action.Execute with an Action.Submit fallback (carrying the verb) for clients without Universal Actions.</summary>
    public static ExecuteAction Execute(string title, string verb, JsonObject data, string? style = null)
    {
        var fallbackData = data.DeepClone().AsObject();
        fallbackData[CardVerbs.VerbKey] = verb;
        return new ExecuteAction(title, verb, data) { Style = style, Fallback = new SubmitAction(title, fallbackData) { Style = style } };
    }

    /// <summary>A button that opens a small form (text input) and a submit button under it.</summary>
    public static ShowCardAction Form(string title, TextInput input, ExecuteAction submit) =>
        new(title, new AdaptiveCard([input]) { Schema = null, Version = null, Actions = [submit] });

    public static TextInput ReasonInput(string id, string label) => new()
    {
        Id = id, Label = label, IsMultiline = true, MaxLength = 500, IsRequired = true, ErrorMessage = "Give a reason.",
    };

    public static TextInput ReplyInput(string id, string label, string value, int limit) => new()
    {
        Id = id, Label = label, Value = value, IsMultiline = true, MaxLength = limit, IsRequired = true, ErrorMessage = "Write a reply before sending.",
    };

    public static RichTextBlock Banner(string text, string color = "Attention") => new([new TextRun(text) { Color = color, Weight = "Bolder" }]);

    public static RichTextBlock Who(string lead, string name, string tail) => Runs(new TextRun(lead), Bold(name), new TextRun(tail));

    /// <summary>Universal Actions refresh: this person's client asks for their own view when the card is shown again.</summary>
    public static CardRefresh? Refresh(CaseCardModel m) => m.Viewer.ChannelUserId is { } id
        ? new CardRefresh(new ExecuteAction("Refresh", CardVerbs.Refresh, new JsonObject { [CardVerbs.CaseIdKey] = m.Case.Id }), [id])
        : null;
}
