using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CardText;
using static ResponseBot.Cards.CaseCardParts;

namespace ResponseBot.Cards;

/// <summary>
/// A storm on a case card. On the storm's lead the card is the storm's: a live count, a few of the mentions, and the lead's
/// own buttons speaking for all of them (Reply to all posts the reply to every member, Dismiss all closes them). On any other
/// member, one line pointing at the storm's card.
/// </summary>
internal static class StormCard
{
    public static bool Leads(CaseCardModel m) => m.Case.LeadsStorm && m.Storm is not null;

    public static IEnumerable<Element> Summary(CaseCardModel m)
    {
        if (m.Storm is not { } s) yield break;
        if (!m.Case.LeadsStorm)
        {
            yield return new TextBlock($"Part of a storm of {s.Members} near-identical mentions: it is answered from the storm's card, case #{s.LeadCaseId}.")
                { Wrap = true, IsSubtle = true, Size = "Small" };
            yield break;
        }
        yield return new TextBlock($"STORM: {s.Members} near-identical mentions from {s.Authors} {(s.Authors == 1 ? "person" : "people")} since {When(s.StartedAt, m.Zone)}")
            { Weight = "Bolder", Color = "Warning", Wrap = true };
        yield return new TextBlock($"Latest at {When(s.LastAt, m.Zone)}. Each stays a case of its own; whatever you do here is done for every one of them.")
            { Wrap = true, IsSubtle = true, Size = "Small", Spacing = "None" };
        if (s.Statement is { } statement && s.DecidedBy is { } by)
            yield return Runs(new TextRun("Statement for all, by "), Bold(by), new TextRun(": " + statement));
        else if (s.DismissReason is { } reason && s.DecidedBy is { } dismisser)
            yield return Runs(new TextRun("All dismissed by "), Bold(dismisser), new TextRun(": " + reason));
        if (m.Compact) yield break;
        foreach (var sample in s.Samples)
            yield return Runs(new TextRun("@" + sample.AuthorHandle.TrimStart('@') + ": ") { IsSubtle = true, Weight = "Bolder" },
                new TextRun(CardLimits.Bounded(sample.Text, 140)) { IsSubtle = true, Italic = true });
        if (s.Samples.Count > 0)
            yield return new ActionSet([HelpCards.Command("Open one", $"case {s.Samples[0].CaseId}")]);
    }
}
