using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ResponseBot.Teams.Auth;

/// <summary>
/// The Bot Framework's JWKS gives each key an extra <c>endorsements</c> list: the channels it may sign for. The connector
/// signs for many channels, so a key may only vouch for the channels it is endorsed for, and a token can't claim another
/// channel's traffic.
/// </summary>
internal static class Endorsements
{
    /// <summary>Whether <paramref name="key"/>, as published in <paramref name="configuration"/>, is endorsed for <paramref name="channelId"/>.</summary>
    public static bool Allow(BaseConfiguration? configuration, SecurityKey key, string channelId) =>
        configuration is OpenIdConnectConfiguration { JsonWebKeySet: { } published }
        && key.KeyId is { } kid
        && published.Keys.FirstOrDefault(k => k.KeyId == kid) is { } jwk
        && Of(jwk).Contains(channelId, StringComparer.OrdinalIgnoreCase);

    // The library keeps members it doesn't model, such as this one, as raw JSON.
    private static IEnumerable<string> Of(JsonWebKey jwk) =>
        jwk.AdditionalData.TryGetValue("endorsements", out var value) && value is JsonElement { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];
}
