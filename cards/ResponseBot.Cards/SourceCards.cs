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
            body.Add(new TextBlock("No polled accounts (Bluesky and the like) are configured; webhooks push their mentions.") { Wrap = true, IsSubtle = true });
        foreach (var l in m.Lines)
        {
            body.Add(Runs(Bold(l.PostedAs), l.Failing
                ? new TextRun($"  FAILING ({l.ConsecutiveFailures} in a row)") { Color = "Attention", Weight = "Bolder" }
                : new TextRun(l.ConsecutiveFailures > 0 ? $"  {l.ConsecutiveFailures} failure(s), retrying" : "  OK") { Color = l.ConsecutiveFailures > 0 ? "Warning" : "Good" }));
            body.Add(Plain($"Last good poll: {Ago(l.LastSuccessAt, m)} · last mention: {Ago(l.LastMentionAt, m)}", subtle: true));
            if (l.LastError is { } error) body.Add(Plain("Last error: " + error, subtle: true));
        }
        return new AdaptiveCard(body) { Actions = [HelpCards.Command("Refresh", "sources")] };
    }

    private static string Ago(NodaTime.Instant? at, SourcesModel m) => at is { } t ? $"{Clock(t, m.Zone)[..5]} ({(int)(m.Now - t).TotalMinutes} min ago)" : "never";
}
