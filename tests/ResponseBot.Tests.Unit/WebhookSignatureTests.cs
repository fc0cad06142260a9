using System.Security.Cryptography;
using System.Text;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Tests.Unit;

public sealed class WebhookSignatureTests
{
    private const string Secret = "a-shared-secret-of-some-length";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"1\"}");

    [Fact]
    public void The_signature_is_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000.{\"id\":\"1\"}")));
        Assert.Equal("sha256=" + expected, WebhookSignature.Sign(Secret, 1700000000, Body));
    }

    [Fact]
    public void Verification_accepts_the_right_signature_in_either_hex_case_and_nothing_else()
    {
        var good = WebhookSignature.Sign(Secret, 1700000000, Body);
        Assert.True(WebhookSignature.Verify(Secret, 1700000000, Body, good));
        Assert.True(WebhookSignature.Verify(Secret, 1700000000, Body, "sha256=" + good[7..].ToUpperInvariant()));
        Assert.False(WebhookSignature.Verify(Secret, 1700000001, Body, good));
        Assert.False(WebhookSignature.Verify("another-secret-entirely", 1700000000, Body, good));
        Assert.False(WebhookSignature.Verify(Secret, 1700000000, Encoding.UTF8.GetBytes("{\"id\":\"2\"}"), good));
        Assert.False(WebhookSignature.Verify(Secret, 1700000000, Body, good[7..]));
        Assert.False(WebhookSignature.Verify(Secret, 1700000000, Body, "sha256=xyz"));
        Assert.False(WebhookSignature.Verify(Secret, 1700000000, Body, null));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    public void Timestamps_are_fresh_within_five_minutes_either_side(int offsetSeconds, bool fresh)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.Equal(fresh, WebhookSignature.IsFresh(now.ToUnixTimeSeconds() + offsetSeconds, now));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-1)]
    public void Absurd_timestamps_are_simply_stale_never_an_overflow(long timestamp) =>
        Assert.False(WebhookSignature.IsFresh(timestamp, DateTimeOffset.UtcNow));
}
