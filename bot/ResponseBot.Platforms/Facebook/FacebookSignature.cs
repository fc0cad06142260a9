using System.Security.Cryptography;
using System.Text;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// Meta's webhook signature: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(app secret, raw body)&gt;</c>, computed over the
/// bytes exactly as sent (Meta escapes non-ASCII text in the body, so re-encoding a parsed body would not match).
/// </summary>
public static class FacebookSignature
{
    public const string Header = "X-Hub-Signature-256";

    public static string Sign(string appSecret, ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(Mac(appSecret, body));

    /// <summary>Constant time for a given body and header, whether or not it matches.</summary>
    public static bool Verify(string appSecret, ReadOnlySpan<byte> body, string? header) => WebhookSignature.Matches(header, Mac(appSecret, body));

    private static byte[] Mac(string appSecret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
}
