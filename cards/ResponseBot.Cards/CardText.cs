using ResponseBot.Cards.Schema;

namespace ResponseBot.Cards;

/// <summary>Small helpers that keep untrusted text out of markdown and format times for people.</summary>
internal static class CardText
{
    public static RichTextBlock Plain(string text, string? weight = null, bool? subtle = null) =>
        new([new TextRun(text) { Weight = weight, IsSubtle = subtle }]);

    public static RichTextBlock Runs(params TextRun[] runs) => new(runs);

    public static TextRun Bold(string text) => new(text) { Weight = "Bolder" };

    public static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm 'on' ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Only absolute http(s) links become buttons; anything else (javascript:, data:, relative) is dropped.</summary>
    public static Uri? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
}
