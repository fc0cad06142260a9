using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Triage;

/// <summary>
/// Which language a mention is written in, as far as replying goes: Welsh ("cy") or English ("en"). A word-list reading,
/// not a language model: Welsh when enough of the words are common Welsh ones, so English naming one Welsh place or
/// signing off with "diolch" stays English.
/// </summary>
public static partial class Languages
{
    public const string English = "en";
    public const string Welsh = "cy";

    public static bool IsKnown(string? language) => language is English or Welsh;

    // Common Welsh words that are not English words: function words, greetings, and what people write to a council or a force.
    private static readonly HashSet<string> WelshWords = new(StringComparer.Ordinal)
    {
        "yr", "mae", "yn", "ddim", "diolch", "bore", "prynhawn", "noswaith", "da", "iawn", "sbwriel", "ffordd", "heddlu", "cyngor",
        "ac", "ond", "gyda", "hefyd", "wedi", "roedd", "oedd", "ydy", "ydi", "ydw", "ydych", "ydyn", "oes", "sydd", "sy", "bydd", "fydd",
        "dydy", "nid", "nad", "rhaid", "eich", "chi", "nhw", "fy", "ein", "eu", "hwn", "hon", "hyn", "yma", "yno", "ble", "lle", "pryd",
        "pam", "sut", "beth", "pwy", "plis", "gwelwch", "dda", "croeso", "helo", "shwmae", "allwch", "gallwch", "biniau", "casglu",
        "stryd", "heol", "tân", "argyfwng", "cymorth", "angen", "heddiw", "ddoe", "wythnos", "achos", "gan", "mewn", "efo", "hefo",
        "rhywun", "neb", "bob", "pob", "llawer", "gwaith", "ysgol", "tŷ", "ganddo", "heb", "eto", "nawr", "rŵan", "gyd", "bod", "fod",
        "wnaeth", "oherwydd", "ers", "golau", "goleuadau", "twll", "damwain", "perygl", "gwasanaeth", "ffôn", "hyd",
    };

    // Short words English has too ("a", "i", "am", "dim", "bore" aside): they count towards the share only, never the minimum.
    private static readonly HashSet<string> SharedWords = new(StringComparer.Ordinal) { "a", "y", "i", "o", "am", "at", "car", "fi", "fe", "ni", "dim", "nos", "os", "ar", "r", "n" };

    /// <param name="text">Normalised text (<see cref="TriageText.Normalise"/>).</param>
    /// <param name="minWords">How many distinctly Welsh words it takes.</param>
    /// <param name="minShare">And what share of all the words must be Welsh (shared words included).</param>
    public static string Of(string text, int minWords, double minShare)
    {
        // "mae'r", "sy'n", "i'r": the word before the apostrophe is the one that tells.
        var words = Word().Matches(text).Select(m => m.Value).Where(w => !w.StartsWith('@') && !w.StartsWith('#'))
            .Select(w => w.Split('\'')[0]).Where(w => w.Length > 0).ToList();
        if (words.Count == 0) return English;
        var distinct = words.Count(w => !SharedWords.Contains(w) && (WelshWords.Contains(w) || w.Contains('ŵ') || w.Contains('ŷ')));
        var shared = words.Count(SharedWords.Contains);
        return distinct >= minWords && (distinct + shared) >= minShare * words.Count ? Welsh : English;
    }

    [GeneratedRegex(@"[@#]?[\p{L}']+")]
    private static partial Regex Word();
}
