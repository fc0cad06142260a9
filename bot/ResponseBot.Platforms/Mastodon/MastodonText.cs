using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ResponseBot.Platforms.Mastodon;

/// <summary>
/// A status's HTML as the plain text a case shows: tags dropped (script and style with their content), entities decoded once,
/// paragraphs and line breaks kept as new lines. Nothing of the markup survives, so nothing in it can act on a card.
/// </summary>
public static partial class MastodonText
{
    private static readonly HashSet<string> Breaks = ["br", "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr"];
    private static readonly HashSet<string> Dropped = ["script", "style", "template", "noscript", "iframe", "object"];

    public static string ToPlain(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = new StringBuilder(html.Length);
        var run = new StringBuilder();
        void Flush() { text.Append(WebUtility.HtmlDecode(run.ToString())); run.Clear(); }
        for (var i = 0; i < html.Length;)
        {
            if (html[i] != '<') { run.Append(html[i++]); continue; }
            var end = html.IndexOf('>', i + 1);
            if (end < 0) break;                                                     // an unclosed tag: the rest is markup, not text
            var tag = Name(html.AsSpan(i + 1, end - i - 1), out var closing);
            Flush();
            if (Breaks.Contains(tag) && (tag == "br" || closing || text.Length > 0)) text.Append('\n');
            i = end + 1;
            if (!closing && Dropped.Contains(tag))
            {
                var close = html.IndexOf("</" + tag, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : html.IndexOf('>', close) is var gt && gt >= 0 ? gt + 1 : html.Length;
            }
        }
        Flush();
        return Blank().Replace(Lines().Replace(UntrustedText.Clean(text.ToString()), "\n\n"), "").Trim();
    }

    private static string Name(ReadOnlySpan<char> inner, out bool closing)
    {
        inner = inner.TrimStart();
        closing = inner.StartsWith("/");
        if (closing) inner = inner[1..].TrimStart();
        var n = 0;
        while (n < inner.Length && char.IsAsciiLetterOrDigit(inner[n])) n++;
        return inner[..n].ToString().ToLowerInvariant();
    }

    [GeneratedRegex(@"[ \t]*\n[ \t]*(\n[ \t]*)+")]
    private static partial Regex Lines();

    [GeneratedRegex(@"[ \t]+(?=\n)")]
    private static partial Regex Blank();

    /// <summary>
    /// How Mastodon counts a status against the instance's limit: a link counts as 23 characters (characters_reserved_per_url)
    /// and a remote mention as its local part, the rest by grapheme.
    /// </summary>
    public static int Length(string text, int perUrl = 23) =>
        new System.Globalization.StringInfo(RemoteMention().Replace(Url().Replace(text, new string('x', perUrl)), "$1")).LengthInTextElements;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"(@[A-Za-z0-9_]+)@[A-Za-z0-9.\-]+[A-Za-z0-9]")]
    private static partial Regex RemoteMention();
}
