using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace ResponseBot.Teams.Auth;

/// <summary>A JWKS RSA key and the channels it is endorsed to sign for.</summary>
public sealed record SigningKey(string KeyId, RSAParameters Rsa, IReadOnlySet<string> Endorsements)
{
    public static SigningKey? FromJwk(JsonElement jwk)
    {
        if (Str(jwk, "kty") != "RSA" || Str(jwk, "kid") is not { } kid || Str(jwk, "n") is not { } n || Str(jwk, "e") is not { } e) return null;
        if (Str(jwk, "use") is { } use && use != "sig") return null;
        try
        {
            var endorsements = jwk.TryGetProperty("endorsements", out var en) && en.ValueKind == JsonValueKind.Array
                ? en.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return new SigningKey(kid, new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) }, endorsements);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public bool Verifies(byte[] signingInput, byte[] signature, HashAlgorithmName hash)
    {
        using var rsa = RSA.Create(Rsa);
        return rsa.VerifyData(signingInput, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
