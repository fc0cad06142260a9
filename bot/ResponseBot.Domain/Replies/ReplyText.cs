using System.Globalization;
using System.Text;

namespace ResponseBot.Domain.Replies;

public static class ReplyText
{
    /// <summary>Length as people (and Bluesky) count it: user-perceived characters, not UTF-16 units.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>
    /// Trims and drops control characters other than line breaks, so an edit pasted from
    /// elsewhere can't smuggle invisible content into a public post.
    /// </summary>
    public static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Replace("\r\n", "\n"))
        {
            if (ch == '\n' || !char.IsControl(ch)) sb.Append(ch);
        }
        return sb.ToString().Trim();
    }
}
