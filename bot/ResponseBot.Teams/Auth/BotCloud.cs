namespace ResponseBot.Teams.Auth;

public enum BotCloudName
{
    Public,
    /// <summary>GCC (moderate) uses the public Bot Framework endpoints; only the Teams service URL differs.</summary>
    GCC,
    GCCHigh,
    DoD,
}

/// <summary>Everything that differs between the clouds a public body's tenant may live in.</summary>
public sealed record BotCloud(
    BotCloudName Name,
    string Issuer,
    Uri OpenIdMetadataUrl,
    string TokenAuthorityHost,
    string Scope,
    IReadOnlyList<string> TrustedServiceHosts)
{
    /// <summary>The Entra authority of the app registration's tenant, where MSAL asks for tokens.</summary>
    public Uri Authority(string tenantId) => new($"https://{TokenAuthorityHost}/{Uri.EscapeDataString(tenantId)}");

    public Uri TokenEndpoint(string tenantId) => new($"{Authority(tenantId)}/oauth2/v2.0/token");

    public static BotCloud For(BotCloudName name) => name switch
    {
        BotCloudName.Public => new(name, "https://api.botframework.com",
            new Uri("https://login.botframework.com/v1/.well-known/openidconfiguration"),
            "login.microsoftonline.com", "https://api.botframework.com/.default",
            ["smba.trafficmanager.net", "*.smba.trafficmanager.net", "*.botframework.com"]),
        BotCloudName.GCC => new(name, "https://api.botframework.com",
            new Uri("https://login.botframework.com/v1/.well-known/openidconfiguration"),
            "login.microsoftonline.com", "https://api.botframework.com/.default",
            ["smba.infra.gcc.teams.microsoft.com"]),
        BotCloudName.GCCHigh => new(name, "https://api.botframework.us",
            new Uri("https://login.botframework.azure.us/v1/.well-known/openidconfiguration"),
            "login.microsoftonline.us", "https://api.botframework.us/.default",
            ["smba.infra.gov.teams.microsoft.us", "*.botframework.azure.us"]),
        BotCloudName.DoD => new(name, "https://api.botframework.us",
            new Uri("https://login.botframework.azure.us/v1/.well-known/openidconfiguration"),
            "login.microsoftonline.us", "https://api.botframework.us/.default",
            ["smba.infra.dod.teams.microsoft.us", "*.botframework.azure.us"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
