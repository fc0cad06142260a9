using System.Buffers.Text;
using System.Security.Cryptography;

namespace ResponseBot.Application;

/// <summary>Secret link tokens (calendar feeds, downloads): 32 random bytes, base64url; only their SHA-256 is ever stored.</summary>
public static class SecretTokens
{
    private const int TokenBytes = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>Anything that can't be one of our tokens is turned away without a query.</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == Base64Url.GetEncodedLength(TokenBytes) && Base64Url.IsValid(token, out var length) && length == TokenBytes;

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));
}
