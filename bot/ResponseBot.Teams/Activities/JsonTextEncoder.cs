using System.Text;
using System.Text.Encodings.Web;

namespace ResponseBot.Teams.Activities;

/// <summary>
/// Escapes only what JSON requires (quote, backslash, control characters) and unpaired surrogates, and writes every other
/// character as itself. The framework's encoders escape all text beyond the Basic Multilingual Plane (every emoji) and
/// HTML-sensitive characters, which makes a card in Welsh, Polish or full of emoji up to six times bigger on the wire
/// and brings it closer to Teams' message size limit. Activities are JSON sent to the connector, never embedded in HTML.
/// </summary>
public sealed class JsonTextEncoder : JavaScriptEncoder
{
    public static readonly JsonTextEncoder Instance = new();

    private JsonTextEncoder() { }

    // "\uD83D\uDE00" is the longest thing written for one scalar value.
    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' || unicodeScalar is >= 0xD800 and <= 0xDFFF;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (c < 0x20 || c is '"' or '\\') return i;
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return i;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ when WillEncode(unicodeScalar) => $"\\u{unicodeScalar:X4}",
            _ => new Rune(unicodeScalar).ToString(),
        };
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        for (var i = 0; i < escaped.Length; i++) buffer[i] = escaped[i];
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
