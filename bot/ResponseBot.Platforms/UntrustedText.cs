using System.Text;

namespace ResponseBot.Platforms;

/// <summary>Text from a platform made safe to store and show.</summary>
internal static class UntrustedText
{
    /// <summary>A post cut mid-emoji or carrying NUL must still become a case: NUL dropped, a lone surrogate shown as U+FFFD.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return sb.ToString();
    }
}
