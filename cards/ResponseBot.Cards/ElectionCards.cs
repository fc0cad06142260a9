using System.Globalization;
using System.Text.Json.Nodes;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Elections;
using static ResponseBot.Cards.CardText;
using static ResponseBot.Cards.RotaCards;

namespace ResponseBot.Cards;

/// <summary>The pre-election periods card, with the managers' form, and the banner every case card carries during one.</summary>
public static class ElectionCards
{
    /// <summary>Names are typed by managers or operators: plain text runs, never markdown.</summary>
    public static Element Banner(ElectionPeriod p) => new Container([
        Plain($"Pre-election period{(p.Name.Length == 0 ? "" : ": " + p.Name)} until {ElectionPeriods.Day(p.To)}. Every reply needs a manager's approval.",
            weight: "Bolder", color: "Warning"),
    ]) { Style = "warning" };

    public static AdaptiveCard List(ElectionsCardModel m)
    {
        var body = new List<Element>
        {
            new TextBlock("Pre-election periods") { Weight = "Bolder", Size = "Medium" },
            new TextBlock("During one, every reply from the accounts it covers needs a manager's approval, and holding replies are neutral or none.")
                { Wrap = true, IsSubtle = true, Spacing = "None" },
        };
        if (m.Notice is { } notice) body.Add(Plain(notice, color: "Accent"));
        if (m.Periods.Count == 0) body.Add(new TextBlock("None under way or coming.") { Separator = true });
        foreach (var p in m.Periods)
        {
            var state = p.From <= m.Today ? "under way" : "coming";
            body.Add(Runs(Bold(p.Name.Length == 0 ? "Pre-election period" : p.Name),
                new TextRun($" ({state}): {ElectionPeriods.Day(p.From)} to {ElectionPeriods.Day(p.To)}, {ElectionPeriods.Scope(p)}")) with { Separator = true });
            if (p.Configured)
                body.Add(new TextBlock("Set in configuration: change it there.") { IsSubtle = true, Size = "Small", Spacing = "None" });
            else if (m.CanEdit)
            {
                var idData = new JsonObject { [CardVerbs.ElectionIdKey] = p.Id };
                body.Add(new ActionSet([
                    new ShowCardAction("Change", Nested(Form(m, $"-{p.Id}", p), Execute("Save changes", CardVerbs.ChangeElection, idData, "positive"))),
                    Execute("End now", CardVerbs.EndElection, idData, "destructive"),
                    Execute("Remove", CardVerbs.RemoveElection, idData, "destructive"),
                ]) { Spacing = "None" });
            }
        }
        var actions = new List<CardAction>();
        if (m.CanEdit)
            actions.Add(new ShowCardAction("Add a period", Nested(Form(m, "", null), Execute("Save period", CardVerbs.AddElection, null, "positive"))));
        actions.Add(Execute("Refresh", CardVerbs.Elections));
        return new AdaptiveCard(body) { Actions = actions };
    }

    /// <summary>Input ids carry a suffix (the period's id) so the add form and every change form can share one card.</summary>
    private static List<Element> Form(ElectionsCardModel m, string suffix, ElectionPeriod? current)
    {
        static string Iso(NodaTime.LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return [
            new TextInput
            {
                Id = CardVerbs.ElectionNameInputId + suffix, Label = "Name", IsRequired = true, ErrorMessage = "Give the period a name.",
                MaxLength = ElectionPeriods.MaxName, Value = current?.Name, Placeholder = "Police and Crime Commissioner election 2027",
            },
            new ColumnSet([
                new Column([new DateInput { Id = CardVerbs.ElectionFromInputId + suffix, Label = "From", IsRequired = true, ErrorMessage = "Give a start date.",
                    Value = Iso(current?.From ?? m.Today) }]) { Width = "stretch" },
                new Column([new DateInput { Id = CardVerbs.ElectionToInputId + suffix, Label = "To (inclusive)", IsRequired = true, ErrorMessage = "Give an end date.",
                    Value = Iso(current?.To ?? m.Today) }]) { Width = "stretch" },
            ]),
            new ChoiceSetInput
            {
                Id = CardVerbs.ElectionScopeInputId + suffix, Label = "Accounts", IsRequired = true, ErrorMessage = "Choose the accounts it covers.",
                Value = current is { AllAccounts: false } ? current.Accounts[0] : ElectionForm.AllAccounts,
                Choices = [new Choice("All accounts", ElectionForm.AllAccounts), .. m.Accounts.Select(a => new Choice(a.Name, a.Id))],
            },
        ];
    }
}
