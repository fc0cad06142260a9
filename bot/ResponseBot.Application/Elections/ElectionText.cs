using NodaTime;
using ResponseBot.Domain.Elections;

namespace ResponseBot.Application.Elections;

/// <summary>The words for a change to a pre-election period, after the name of whoever made it.</summary>
public static class ElectionText
{
    public static string Describe(ElectionPeriod? before, ElectionPeriod? after, LocalDate today) => (before, after) switch
    {
        (null, { } added) => $"added the pre-election period {Span(added)}. {Effect(added, today)}",
        ({ } removed, null) => $"removed the pre-election period {Span(removed)}.",
        ({ } was, { } now) when now.To < today => $"ended the pre-election period \"{was.Name}\" today: replies go back to the usual approval rules.",
        ({ } was, { } now) => $"changed the pre-election period \"{was.Name}\" to {Span(now)}. {Effect(now, today)}",
        _ => "changed nothing.",
    };

    private static string Span(ElectionPeriod p) =>
        $"\"{p.Name}\" ({ElectionPeriods.Day(p.From)} to {ElectionPeriods.Day(p.To)}, {ElectionPeriods.Scope(p)})";

    private static string Effect(ElectionPeriod p, LocalDate today) =>
        (p.From <= today ? "From today" : "From then") + ", every reply needs a manager's approval and holding replies are neutral or none.";
}
