using System.Text;

namespace ResponseBot.Platforms;

/// <summary>What someone wrote on a platform, made safe to store and show: it stays their text, minus what can act on a card.</summary>
public static class UntrustedText
{
    /// <summary>Control characters (but new lines and tabs) dropped; a lone surrogate shown as U+FFFD, so the case can be stored.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            if (char.IsSurrogate(c)) { sb.Append('\uFFFD'); continue; }
            if (c == '\r' || (char.IsControl(c) && c is not ('\n' or '\t'))) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
