using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ResponseBot.Teams.Auth;

/// <summary>The cloud's OpenID metadata and signing keys, fetched, cached and refreshed by Microsoft.IdentityModel.</summary>
public static class SigningKeys
{
    /// <summary>Keys are added without notice: a daily refresh bounds how stale the set we hold can get.</summary>
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromDays(1);

    /// <param name="minRefreshInterval">The least time between refreshes forced by a token the current keys can't verify (an unknown kid).</param>
    public static ConfigurationManager<OpenIdConnectConfiguration> Create(Uri metadataUrl, HttpClient http, TimeSpan minRefreshInterval)
    {
        // Otherwise a token signed with a key published since our last fetch is refused while the new set is fetched in the
        // background; blocking makes that request wait for the refresh and be accepted. The library reads the switch once,
        // process-wide, so it is set before any manager is used.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
        // Plain http only for a stand-in on loopback (tests); every cloud's metadata is https.
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = !metadataUrl.IsLoopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.ToString(), new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = AutomaticRefreshInterval,
            RefreshInterval = minRefreshInterval,
            // A key withdrawn from the JWKS must stop working once we have the new set. The keys we hold still work while the
            // endpoint is down: a failed refresh leaves the manager's current set in place.
            UseLastKnownGoodConfiguration = false,
        };
    }
}
