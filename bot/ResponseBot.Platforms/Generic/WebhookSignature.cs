using System.Security.Cryptography;
using System.Text;

namespace ResponseBot.Platforms.Generic;

/// <summary>
/// HMAC-SHA256 over "&lt;unix seconds&gt;.&lt;raw body&gt;", sent as "sha256=&lt;hex&gt;". Signing the timestamp
/// with the body stops a captured request being replayed later with a fresh timestamp.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-ResponseBot-Timestamp";
    public const string SignatureHeader = "X-ResponseBot-Signature";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? header) => Matches(header, Mac(secret, timestamp, body));

    /// <summary>Whether a "sha256=&lt;hex&gt;" header carries exactly <paramref name="mac"/> (either hex case), compared in constant time.</summary>
    public static bool Matches(string? header, ReadOnlySpan<byte> mac)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.Ordinal)) return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(7));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(given, mac);
    }

    /// <summary>True when the timestamp is within <see cref="MaxAge"/> of now, either side (clock skew).</summary>
    public static bool IsFresh(long timestamp, DateTimeOffset now)
    {
        // No subtraction involving the caller's number: a hostile value like long.MinValue can't overflow.
        var seconds = now.ToUnixTimeSeconds();
        var max = (long)MaxAge.TotalSeconds;
        return timestamp >= seconds - max && timestamp <= seconds + max;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
