using ResponseBot.Application.Views;
using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>"sources": every polled account's health, failing ones marked.</summary>
public static class SourceCards
{
    public static AdaptiveCard Health(SourcesModel m)
    {
        var body = new List<Element> { new TextBlock("Sources") { Weight = "Bolder", Size = "Medium" } };
        if (m.Lines.Count == 0)
            body.Add(new TextBlock("No polled or watched accounts are configured; webhooks push their mentions.") { Wrap = true, IsSubtle = true });
        foreach (var l in m.Lines)
        {
            body.Add(Runs(Bold(l.PostedAs), l.Failing
                ? new TextRun($"  FAILING ({l.ConsecutiveFailures} in a row)") { Color = "Attention", Weight = "Bolder" }
                : l.Silent ? new TextRun("  QUIET") { Color = "Warning", Weight = "Bolder" }
                : new TextRun(l.ConsecutiveFailures > 0 ? $"  {l.ConsecutiveFailures} failure(s), retrying" : "  OK") { Color = l.ConsecutiveFailures > 0 ? "Warning" : "Good" }));
            body.Add(Plain($"Last good poll or delivery: {Ago(l.LastSuccessAt, m)} · last mention: {Ago(l.LastMentionAt, m)}" +
                (l.SilentAfter is { } quiet ? $" · raised if quiet for {Span(quiet)}" : ""), subtle: true));
            if (l.TokenExpiresAt is { } expires)
                body.Add(Plain(expires > m.Now ? $"Token expires {Clock(expires, m.Zone)[..5]} (in {Span(expires - m.Now)}); renewed before then" : "Token expired: it is renewed at the next poll", subtle: true));
            if (l.LastError is { } error) body.Add(Plain("Last error: " + error, subtle: true));
        }
        return new AdaptiveCard(body) { Actions = [HelpCards.Command("Refresh", "sources")] };
    }

    private static string Span(NodaTime.Duration d) => d >= NodaTime.Duration.FromHours(2) ? $"{(int)d.TotalHours} h" : $"{(int)d.TotalMinutes} min";

    private static string Ago(NodaTime.Instant? at, SourcesModel m) => at is { } t ? $"{Clock(t, m.Zone)[..5]} ({(int)(m.Now - t).TotalMinutes} min ago)" : "never";
}
