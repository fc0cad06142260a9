using NodaTime;
using System.Globalization;
using ResponseBot.Cards.Schema;

namespace ResponseBot.Cards;

/// <summary>Small helpers that keep untrusted text out of markdown and format times for people.</summary>
internal static class CardText
{

    public static RichTextBlock Plain(string text, string? weight = null, bool? subtle = null, string? color = null) =>
        new([new TextRun(text) { Weight = weight, IsSubtle = subtle, Color = color }]);

    public static RichTextBlock Runs(params TextRun[] runs) => new(runs);

    public static TextRun Bold(string text) => new(text) { Weight = "Bolder" };

    public static string When(Instant at, DateTimeZone zone) =>
        at.InZone(zone).ToString("HH:mm 'on' ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Clock(Instant at, DateTimeZone zone) =>
        at.InZone(zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Only absolute https links to the account's own platform hosts become buttons: anything else
    /// (javascript:, data:, look-alike or attacker hosts) is dropped.
    /// </summary>
    public static Uri? SafeLink(string? url, IReadOnlyList<string> allowedHosts)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) return null;
        return allowedHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase))
            ? uri : null;
    }
}
