using System.Globalization;
using System.Text;
using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>The RFC 5545 content-line rules: TEXT escaping, UTC date-times and folding at 75 octets.</summary>
public static class CalendarText
{
    public const int MaxLineOctets = 75;

    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>FORM #2 (UTC), so a feed needs no VTIMEZONE and clock changes are already resolved.</summary>
    public static string UtcDateTime(Instant t) => t.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Splits a content line into lines of at most 75 octets of UTF-8, each continuation starting with a space.
    /// Splits only between characters: a multi-byte character (or surrogate pair) is never cut in half.
    /// </summary>
    public static string Fold(string line)
    {
        var folded = new StringBuilder(line.Length + 8);
        Span<char> utf16 = stackalloc char[2];
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (octets + rune.Utf8SequenceLength > MaxLineOctets)
            {
                folded.Append("\r\n ");
                octets = 1;
            }
            folded.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            octets += rune.Utf8SequenceLength;
        }
        return folded.ToString();
    }
}
