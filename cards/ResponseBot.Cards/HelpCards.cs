using System.Text.Json.Nodes;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>The welcome and help cards, and what a team is told when the app is added to it.</summary>
public static class HelpCards
{
    public const string WhatItDoes =
        "I bring public mentions of your organisation's social media accounts to whoever is on call out of hours, as cards you " +
        "can answer in one click: approve the suggested reply, edit it, or escalate it to a manager. Risky replies go to a manager " +
        "first, and every decision is logged.";

    public static AdaptiveCard Help(HelpCardModel m)
    {
        var body = new List<Element>
        {
            new TextBlock(m.Welcome ? "Welcome to ResponseBot" : "ResponseBot: what you can do") { Weight = "Bolder", Size = "Medium" },
        };
        if (m.Welcome && !string.IsNullOrWhiteSpace(m.Name)) body.Add(Runs(new TextRun("Hi "), Bold(m.Name!), new TextRun(".")));
        body.Add(new TextBlock(WhatItDoes) { Wrap = true });
        body.Add(m.Roles.Count > 0
            ? Runs(new TextRun("As I see it, you are "), Bold(string.Join(", ", m.Roles)), new TextRun("."))
            : Runs(new TextRun("You're not on the out-of-hours rota yet, so cases won't come to you. ") { Color = "Warning" },
                new TextRun(m.AskWho ?? "Ask a rota coordinator to add you.")));
        body.Add(new TextBlock("Commands") { Weight = "Bolder", Separator = true });
        foreach (var c in m.Commands)
            body.Add(new ColumnSet([
                new Column([new TextBlock(c.Words) { Weight = "Bolder" }]) { Width = "140px" },
                new Column([new TextBlock(c.What) { Wrap = true, Spacing = "None" }]) { Width = "stretch" },
            ]) { Spacing = "Small" });
        var buttons = m.Commands.Where(c => c.AsButton).Take(5).Select(c => Command(Title(c.Words), c.Words)).ToList();
        return new AdaptiveCard(body) { Actions = buttons.Count > 0 ? buttons : null };
    }

    public static AdaptiveCard TeamWelcome(TeamWelcomeModel m) => new([
        new TextBlock("ResponseBot has been added to this team") { Weight = "Bolder", Size = "Medium" },
        new TextBlock(WhatItDoes) { Wrap = true },
        m.IsRoutingChannel
            ? new TextBlock("This channel is the response team's shared view: every new mention is posted here too, and anyone on the " +
                "out-of-hours rota can Claim it. Once claimed, the card here shows who has it and what they did.") { Wrap = true, Weight = "Bolder" }
            : new TextBlock("This channel isn't configured as the response team's channel, so cases won't be posted here. " +
                "Members can still chat with me personally: type \"help\" in a chat with ResponseBot.") { Wrap = true },
        new TextBlock("Replies are only ever posted after a person approves them in Teams.") { Wrap = true, IsSubtle = true },
    ]);

    /// <summary>
    /// A button that does what typing the command does: a plain Action.Submit whose data names the command, which every client
    /// sends back as a message carrying it (the Agents Playground ignores imBack and messageBack, so they aren't used).
    /// </summary>
    public static SubmitAction Command(string title, string words) => new(title, new JsonObject { [CardVerbs.CommandKey] = words });

    private static string Title(string words) => char.ToUpperInvariant(words[0]) + words[1..];
}
