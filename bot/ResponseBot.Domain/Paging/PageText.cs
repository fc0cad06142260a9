using System.Text;
using System.Text.RegularExpressions;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Paging;

/// <summary>A page as it is sent: a subject (e-mail only) and plain text.</summary>
public sealed record PageContent(string Subject, string Body);

/// <summary>
/// What a page says. The public's words are hostile input: a text carries at most a short excerpt with no links (a link in an
/// SMS from "the council's bot" is exactly what a phishing post would want), and an e-mail carries the mention as plain text.
/// </summary>
public static partial class PageText
{
    public const int ExcerptLength = 60;

    public static PageContent For(PageChannel channel, CaseRecord c, string reason, string postedAs) =>
        channel == PageChannel.Sms ? Sms(c, reason) : Email(c, reason, postedAs);

    public static PageContent Sms(CaseRecord c, string reason) =>
        new("", $"ResponseBot: case #{c.Id} {Why(reason)}. \"{Excerpt(c.Mention.Text)}\" {HowToOpen(c.Id)}");

    public static PageContent Email(CaseRecord c, string reason, string postedAs)
    {
        var body = new StringBuilder()
            .AppendLine($"Case #{c.Id} {Why(reason)}.")
            .AppendLine()
            .AppendLine($"To {postedAs}, from @{Clean(c.Mention.Author.Handle, keepLines: false)} ({Clean(c.Mention.Author.Name, keepLines: false)}):")
            .AppendLine()
            .AppendLine(Clean(c.Mention.Text, keepLines: true))
            .AppendLine()
            .AppendLine(c.Flags.Count > 0 ? $"Flagged: {string.Join(", ", c.Flags)}." : "No flags.")
            .AppendLine()
            .AppendLine(HowToOpen(c.Id))
            .AppendLine()
            .AppendLine("You are receiving this because you registered this address with ResponseBot (send \"contact\" in its chat to change it).");
        return new PageContent($"ResponseBot: case #{c.Id} {Why(reason)}", body.ToString());
    }

    public static string HowToOpen(long caseId) => $"Open Teams, go to your chat with ResponseBot and send \"case {caseId}\".";

    private static string Why(string reason) => reason switch
    {
        PageReasons.Emergency => "is an emergency nobody has acknowledged",
        PageReasons.LastRound => "has had no response and is on its last escalation round",
        PageReasons.Exhausted => "has had no response after every escalation round",
        _ => "needs you",
    };

    /// <summary>
    /// At most <see cref="ExcerptLength"/> characters of <paramref name="text"/>, on one line, with control and formatting
    /// characters (bidi overrides included) and anything that looks like a link or address taken out, cut on a whole character.
    /// </summary>
    public static string Excerpt(string text)
    {
        var plain = Spaces().Replace(Links().Replace(Clean(text, keepLines: false), " "), " ").Trim();
        if (plain.Length <= ExcerptLength) return plain;
        var cut = ExcerptLength - 1;
        if (char.IsHighSurrogate(plain[cut - 1])) cut--;
        return plain[..cut].TrimEnd() + "…";
    }

    // Control and format characters out (a lone surrogate too); line breaks kept only where the text may span lines.
    private static string Clean(string text, bool keepLines)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsSurrogate(ch))
            {
                if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(ch).Append(text[++i]);
                continue;
            }
            if (keepLines && ch == '\r') continue;
            if (keepLines && ch == '\n') sb.Append('\n');
            else if (char.IsControl(ch) || char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.Format) sb.Append(' ');
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    // Anything with a scheme or "www.", and any dotted name ending in letters (bare domains, e-mail addresses): a few
    // ordinary words may go too, which costs an excerpt nothing.
    [GeneratedRegex(@"\S*(?:[a-z][a-z0-9+.-]*://|www\.)\S*|\S*[\p{L}\p{N}-]\.[\p{L}]{2,}\S*", RegexOptions.IgnoreCase)]
    private static partial Regex Links();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
