using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ResponseBot.Platforms.X;

/// <summary>
/// How X counts a post against its 280 limit (docs.x.com, "Counting characters"; twitter-text's v3 configuration): the text
/// is NFC-normalised; code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1 and every other
/// weighs 2 (so 280 Latin letters, or 140 CJK); an emoji weighs 2 however many code points make it (skin tones, ZWJ
/// sequences); a link weighs 23, whatever its length, because X wraps it in t.co.
/// </summary>
public static partial class XText
{
    public const int MaxWeightedLength = 280;
    public const int UrlWeight = 23;

    public static int WeightedLength(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormC);
        var length = 0;
        var rest = 0;
        foreach (Match url in Url().Matches(normalised))
        {
            length += Weigh(normalised[rest..url.Index]) + UrlWeight;
            rest = url.Index + url.Length;
        }
        return length + Weigh(normalised[rest..]);
    }

    private static int Weigh(string text)
    {
        var length = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            var grapheme = (string)graphemes.Current;
            if (IsEmoji(grapheme)) { length += 2; continue; }
            foreach (var rune in grapheme.EnumerateRunes()) length += Light(rune.Value) ? 1 : 2;
        }
        return length;
    }

    private static bool Light(int c) => c is <= 0x10FF or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037);

    // An emoji presentation: a pictograph or flag, or a symbol turned emoji by U+FE0F, with whatever joins or modifies it.
    private static bool IsEmoji(string grapheme)
    {
        var runes = grapheme.EnumerateRunes().Select(r => r.Value).ToList();
        return runes.Any(c => c is (>= 0x1F000 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF) or (>= 0x2B00 and <= 0x2BFF))
            || (runes.Count > 1 && runes.Contains(0xFE0F));
    }

    /// <summary>
    /// Whether a post X shows us is the reply we asked it to make: X HTML-escapes &amp;, &lt; and &gt;, wraps links in t.co and
    /// may put the @names of the thread first, so those are set aside before the texts are compared.
    /// </summary>
    public static bool SameReply(string ours, string theirs) => Comparable(ours) == Comparable(Plain(theirs));

    private static string Comparable(string text)
    {
        var plain = LeadingMentions().Replace(text.Normalize(NormalizationForm.FormC), "");
        return Space().Replace(Url().Replace(plain, "<link>"), " ").Trim();
    }

    /// <summary>A post's text as people wrote it: X's escaping of &amp;, &lt; and &gt; undone.</summary>
    public static string Plain(string text) => text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^(\s*@\w{1,15})+\s+")]
    private static partial Regex LeadingMentions();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
