using System.Security.Cryptography;
using ResponseBot.Teams.Inbound;

namespace ResponseBot.Teams.Auth;

/// <summary>
/// Validates the Bot Connector's JWT on an inbound activity, rule by rule as the Bot Framework
/// requires: RS256/384/512 only, a known key endorsed for the channel, issuer, audience, lifetime
/// with 5 minutes' skew, and the serviceurl claim matching the activity.
/// </summary>
public sealed class BotFrameworkAuthenticator(SigningKeyCache keys, string issuer, string appId, TimeProvider clock) : IInboundAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string channelId, string serviceUrl, CancellationToken ct)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return InboundAuthResult.Reject("no bearer token");
        var jwt = JsonWebToken.TryParse(authorizationHeader[7..].Trim());
        if (jwt is null) return InboundAuthResult.Reject("not a JWT");

        // The algorithm is checked before any key is touched: "none" and HMAC (with our public key as
        // the secret) are the classic forgeries.
        HashAlgorithmName? hash = jwt.Algorithm switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is null) return InboundAuthResult.Reject($"algorithm '{jwt.Algorithm}' not allowed");
        if (jwt.KeyId is not { } kid) return InboundAuthResult.Reject("no key id");

        SigningKey? key;
        try
        {
            key = await keys.FindAsync(kid, ct);
        }
        catch (SigningKeysUnavailableException ex)
        {
            return new InboundAuthResult(InboundAuthStatus.Unavailable, ex.Message);
        }
        if (key is null) return InboundAuthResult.Reject($"unknown key id {kid}");
        if (!key.Verifies(jwt.SigningInput, jwt.Signature, hash.Value)) return InboundAuthResult.Reject("bad signature");
        // A key may only vouch for the channels it is endorsed for, so a token can't claim another channel's traffic.
        if (!key.Endorsements.Contains(channelId)) return InboundAuthResult.Reject($"key {kid} is not endorsed for channel {channelId}");

        if (jwt.Claim("iss") != issuer) return InboundAuthResult.Reject($"issuer '{jwt.Claim("iss")}' not trusted");
        if (!jwt.Audiences().Contains(appId, StringComparer.Ordinal)) return InboundAuthResult.Reject("audience is not this bot");

        var now = clock.GetUtcNow();
        if (jwt.NumericClaim("exp") is not { } exp) return InboundAuthResult.Reject("no expiry");
        if (now - ClockSkew >= DateTimeOffset.FromUnixTimeSeconds(exp)) return InboundAuthResult.Reject("expired");
        if (jwt.NumericClaim("nbf") is { } nbf && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf)) return InboundAuthResult.Reject("not yet valid");

        // The claim is lower-case "serviceurl"; reading "serviceUrl" is a known hand-rolled mistake.
        if (jwt.Claim("serviceurl") is not { } claimed || !SameServiceUrl(claimed, serviceUrl))
            return InboundAuthResult.Reject("serviceurl claim does not match the activity");
        return InboundAuthResult.Ok;
    }

    private static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
