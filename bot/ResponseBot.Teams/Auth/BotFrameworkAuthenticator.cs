using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ResponseBot.Teams.Inbound;

namespace ResponseBot.Teams.Auth;

/// <summary>
/// Validates the Bot Connector's JWT on an inbound activity with Microsoft.IdentityModel, as the Bot Framework requires:
/// RS256/384/512 only, a published key endorsed for the channel, issuer, audience, lifetime with 5 minutes' skew, and
/// the serviceurl claim matching the activity.
/// </summary>
public sealed class BotFrameworkAuthenticator(
    ConfigurationManager<OpenIdConnectConfiguration> keys, string issuer, string appId, TimeProvider clock) : IInboundAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // "none" and HMAC (with our public key as the secret) are the classic forgeries.
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string channelId, string serviceUrl, CancellationToken ct)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return InboundAuthResult.Reject("no bearer token");
        var token = authorizationHeader[7..].Trim();
        if (!_handler.CanReadToken(token)) return InboundAuthResult.Reject("not a JWT");

        // With no keys at all the validator fails just as it does for a forged key. Asking for them first tells
        // "can't check" (503, so the channel retries) from "refused" (401).
        try
        {
            await keys.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException)
        {
            return new InboundAuthResult(InboundAuthStatus.Unavailable, "signing keys unavailable");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(channelId));
        // The exception's type names the rule that failed; its message may quote the token, which is never logged.
        if (!result.IsValid) return InboundAuthResult.Reject(result.Exception?.GetType().Name ?? "token not valid");

        // The claim is lower-case "serviceurl"; reading "serviceUrl" is a known mistake.
        if (result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<string>("serviceurl", out var claimed) || !SameServiceUrl(claimed, serviceUrl))
            return InboundAuthResult.Reject("serviceurl claim does not match the activity");
        return InboundAuthResult.Ok;
    }

    // New for each token: the handler writes to the parameters while it retries with refreshed keys.
    private TokenValidationParameters Parameters(string channelId) => new()
    {
        ConfigurationManager = keys,
        ValidIssuer = issuer,
        ValidAudience = appId,
        ValidAlgorithms = Algorithms,
        // The kid must name a published key; trying every key on a forgery only costs RSA work.
        TryAllIssuerSigningKeys = false,
        IssuerSigningKeyValidatorUsingConfiguration = (key, _, _, configuration) => Endorsements.Allow(configuration, key, channelId),
        // The library's own check reads the wall clock; this is the rule, skew included, on the host's clock.
        LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(notBefore, expires),
    };

    private bool WithinLifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow();
        // A token without an expiry would be good for ever.
        if (expires is not { } exp || now - ClockSkew >= Utc(exp)) return false;
        return notBefore is not { } nbf || now + ClockSkew >= Utc(nbf);
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static bool SameServiceUrl(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
