using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using ResponseBot.Domain.Rota;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>"Who's on call" and the coming week of the rota, with the coordinators' override form.</summary>
public static class RotaCards
{
    public static AdaptiveCard WhoIsOnCall(WhoIsOnCallModel m)
    {
        var body = new List<Element>
        {
            new TextBlock("Who's on call") { Weight = "Bolder", Size = "Medium" },
            new TextBlock($"As at {RotaText.Local(m.AsAt, m.Zone)}") { IsSubtle = true, Size = "Small", Spacing = "None" },
        };
        if (m.Notice is { } notice) body.Add(Plain(notice, color: "Accent"));
        foreach (var l in m.Layers)
            body.Add(new ColumnSet([
                new Column([new TextBlock(RotaText.Title(l.Layer)) { Weight = "Bolder" }]) { Width = "110px" },
                new Column([
                    l.Now is null
                        ? Runs(new TextRun("Now: "), new TextRun("nobody") { Color = "Attention", Weight = "Bolder" })
                        : Runs(new TextRun("Now: "), Bold(l.Now), new TextRun(l.NowUntil is { } until ? $" until {RotaText.Local(until, m.Zone)}" : "")),
                    l.Next is null
                        ? Plain("Next: nobody in the coming weeks", subtle: true)
                        : Runs(new TextRun("Next: ") { IsSubtle = true }, new TextRun(l.Next) { IsSubtle = true, Weight = "Bolder" },
                            new TextRun(l.NextFrom is { } from ? $" from {RotaText.Local(from, m.Zone)}" : "") { IsSubtle = true }),
                ]) { Width = "stretch" },
            ]) { Separator = true });
        return new AdaptiveCard(body)
        {
            Actions = [Execute("Show the rota", CardVerbs.RotaWeek), HelpCards.Command("Open cases", "open"), Execute("Refresh", CardVerbs.WhoIsOnCall)],
        };
    }

    public static AdaptiveCard Week(RotaWeekModel m)
    {
        var body = new List<Element>
        {
            new TextBlock($"Out-of-hours rota: {Day(m.Days[0].Day)} to {Day(m.Days[^1].Day)}") { Weight = "Bolder", Size = "Medium" },
            m.Gaps == 0
                ? new TextBlock("Every out-of-hours window is covered.") { Color = "Good", Spacing = "None" }
                : new TextBlock($"{m.Gaps} gap{(m.Gaps == 1 ? "" : "s")} in cover: nobody would be paged. Marked GAP below.")
                    { Color = "Attention", Weight = "Bolder", Spacing = "None" },
        };
        // Notices name people (their Teams display names): never markdown.
        if (m.Notice is { } notice) body.Add(Plain(notice, color: "Accent"));
        foreach (var day in m.Days)
        {
            body.Add(new TextBlock(Day(day.Day)) { Weight = "Bolder", Separator = true });
            if (day.Entries.Count == 0)
                body.Add(new TextBlock("Office hours only: no cover needed.") { IsSubtle = true, Spacing = "None" });
            foreach (var e in day.Entries)
                body.Add(Runs([
                    new TextRun($"{RotaText.Title(e.Layer)} {Time(e.Start, day.Day, m.Zone)}–{Time(e.End, day.Day, m.Zone)}: ") { IsSubtle = e.Name is not null },
                    e.Name is null ? new TextRun("GAP, nobody on call") { Color = "Attention", Weight = "Bolder" } : Bold(e.Name),
                    .. e.IsOverride ? [new TextRun(" (cover)") { IsSubtle = true, Italic = true }] : Array.Empty<TextRun>(),
                ]) with { Spacing = "None" });
        }
        if (m.CanEdit && m.Overrides.Count > 0)
        {
            body.Add(new TextBlock("Cover arranged") { Weight = "Bolder", Separator = true });
            foreach (var o in m.Overrides)
            {
                var (id, from, to) = (o.Override.Id, RotaText.Local(o.Override.Start, m.Zone), RotaText.Local(o.Override.End, m.Zone));
                body.Add(Runs(new TextRun($"{RotaText.Title(o.Override.Layer)}: "), Bold(o.Name), new TextRun($", {from} to {to}")));
                var idData = new JsonObject { [CardVerbs.OverrideIdKey] = id };
                body.Add(new ActionSet([
                    new ShowCardAction("Change", Nested(Form(m, $"-{id}", o.Override), Execute("Save changes", CardVerbs.ChangeOverride, idData, "positive"))),
                    Execute("Remove", CardVerbs.RemoveOverride, idData, "destructive"),
                ]) { Spacing = "None" });
            }
        }
        var actions = new List<CardAction>();
        if (m.CanEdit)
            actions.Add(new ShowCardAction("Add cover", Nested(Form(m, "", null), Execute("Save cover", CardVerbs.AddOverride, null, "positive"))));
        actions.Add(Execute("Refresh", CardVerbs.RotaWeek));
        actions.Add(Execute("Who's on call", CardVerbs.WhoIsOnCall));
        return new AdaptiveCard(body) { Actions = actions };
    }

    /// <summary>Input ids carry a suffix (the override's id) so the add form and every change form can share one card.</summary>
    private static List<Element> Form(RotaWeekModel m, string suffix, RotaOverride? current)
    {
        var first = m.Days[0].Day;
        string? Date(Instant? i) => i?.InZone(m.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? Clock(Instant? i) => i?.InZone(m.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        return [
        new ChoiceSetInput
        {
            Id = CardVerbs.OverrideLayerInputId + suffix, Label = "Layer", IsRequired = true, ErrorMessage = "Choose a layer.",
            Value = (current?.Layer ?? Layer.Primary).ToString(), Choices = Enum.GetValues<Layer>().Select(l => new Choice(RotaText.Title(l), l.ToString())).ToList(),
        },
        new ChoiceSetInput
        {
            Id = CardVerbs.OverrideStaffInputId + suffix, Label = "Who covers", IsRequired = true, ErrorMessage = "Choose who covers.",
            Value = current?.StaffId ?? m.People.FirstOrDefault()?.StaffId, Choices = m.People.Select(p => new Choice(p.Name, p.StaffId)).ToList(),
        },
        new ColumnSet([
            new Column([new DateInput { Id = CardVerbs.OverrideStartDateInputId + suffix, Label = "Start date", IsRequired = true, ErrorMessage = "Give a start date.", Value = Date(current?.Start) ?? first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }]) { Width = "stretch" },
            new Column([new TimeInput { Id = CardVerbs.OverrideStartTimeInputId + suffix, Label = "Start time", IsRequired = true, ErrorMessage = "Give a start time.", Value = Clock(current?.Start) ?? "17:00" }]) { Width = "stretch" },
        ]),
        new ColumnSet([
            new Column([new DateInput { Id = CardVerbs.OverrideEndDateInputId + suffix, Label = "End date", IsRequired = true, ErrorMessage = "Give an end date.", Value = Date(current?.End) ?? first.PlusDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }]) { Width = "stretch" },
            new Column([new TimeInput { Id = CardVerbs.OverrideEndTimeInputId + suffix, Label = "End time", IsRequired = true, ErrorMessage = "Give an end time.", Value = Clock(current?.End) ?? "09:00" }]) { Width = "stretch" },
        ]),
        ];
    }

    private static string Day(LocalDate day) => day.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

    // A time on the day it's listed under reads "17:00"; one on a later day names the day too.
    private static string Time(Instant i, LocalDate day, DateTimeZone zone)
    {
        var local = i.InZone(zone);
        return local.Date == day ? local.ToString("HH:mm", CultureInfo.InvariantCulture) : local.ToString("ddd HH:mm", CultureInfo.InvariantCulture);
    }

    // Cards inside Action.ShowCard take the outer card's version and schema.
    internal static AdaptiveCard Nested(List<Element> body, CardAction submit) => new(body) { Schema = null, Version = null, Actions = [submit] };

    internal static ExecuteAction Execute(string title, string verb, JsonObject? data = null, string? style = null) =>
        CaseCardParts.Execute(title, verb, data?.DeepClone().AsObject() ?? new JsonObject(), style);
}
