using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace ResponseBot.Teams.Auth;

/// <summary>A compact-serialised JWS, split and decoded but not yet trusted.</summary>
public sealed class JsonWebToken
{
    public required JsonElement Header { get; init; }
    public required JsonElement Payload { get; init; }
    public required byte[] SigningInput { get; init; }
    public required byte[] Signature { get; init; }

    public string? Algorithm => Str(Header, "alg");
    public string? KeyId => Str(Header, "kid");

    public static JsonWebToken? TryParse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 && p != parts[2])) return null;
        try
        {
            var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
            if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object) return null;
            return new JsonWebToken
            {
                Header = header,
                Payload = payload,
                SigningInput = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"),
                Signature = Base64Url.DecodeFromChars(parts[2]),
            };
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public string? Claim(string name) => Str(Payload, name);

    public long? NumericClaim(string name) =>
        Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    /// <summary>"aud" may be a string or an array of strings.</summary>
    public IEnumerable<string> Audiences() =>
        !Payload.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.String ? [aud.GetString()!]
        : aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)
        : [];

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
