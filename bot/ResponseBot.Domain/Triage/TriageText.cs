using System.Text;
using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Triage;

/// <summary>
/// The one form every rule is matched against, and how a rule's words become a pattern with word boundaries.
/// </summary>
public static class TriageText
{
    // Generous for a post of a few thousand characters; a pattern that takes longer is badly written, and a mention must still arrive.
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// NFKC (so full-width, ligature and "fancy font" letters read as plain ones — 𝐟𝐢𝐫𝐞 is fire), case-folded, typographic
    /// apostrophes made plain and runs of white space one space: written differently, a post must still match.
    /// </summary>
    public static string Normalise(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var ch in folded)
        {
            var c = ch is '\u2019' or '\u2018' or '\u02bc' ? '\'' : ch;
            if (char.IsWhiteSpace(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(c);
        }
        return sb.ToString().Trim();
    }

    /// <summary>
    /// A word or phrase as a pattern: escaped, spaces matching any white space, a trailing * matching the rest of a word.
    /// </summary>
    public static string TermPattern(string term)
    {
        var t = Normalise(term);
        var prefix = t.EndsWith('*');
        var body = string.Join(@"\s+", t.TrimEnd('*').Split(' ').Select(Regex.Escape));
        return prefix ? body + @"[\p{L}\p{N}]*" : body;
    }

    /// <summary>
    /// A pattern that matches only as a whole: "fire" in "fire on Mill Lane", not in "fireworks" or "ceasefire". A number
    /// must also not be one group of a longer one, so "999" isn't found in "01632 999123" or "0117 999 1234".
    /// </summary>
    public static string Bounded(string pattern, bool numeric) =>
        (numeric ? @"(?<![\p{L}\p{N}_])(?<!\d[ -])" : @"(?<![\p{L}\p{N}_])") + "(?:" + pattern + ")" + @"(?![\p{L}\p{N}_])";

    // Compiled to IL once, when the rules are loaded: every mention is matched against every rule, and the interpreter spent
    // a third of an instance's processor on it under a flood of mentions.
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);

    /// <summary>
    /// Whether the rule's pattern is in the text. The timeout is a wall-clock one, so a match can run out of time without
    /// being slow: held up on a busy machine, or on a pattern's first run, when its compiled code is itself compiled. An
    /// emergency missed that way would reach nobody in time, so a match that runs out is tried once more; only a pattern
    /// that runs out again is taken as not matching (one really too slow for this text).
    /// </summary>
    public static bool IsMatch(Regex regex, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return regex.IsMatch(text); }
            catch (RegexMatchTimeoutException) when (attempt == 1) { }
            catch (RegexMatchTimeoutException) { return false; }
        }
    }
}
