using Microsoft.Identity.Client;

namespace ResponseBot.Teams.Auth;

/// <summary>MSAL's HTTP through the host's IHttpClientFactory: pooled connections and our timeout.</summary>
public sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public const string Name = "Msal";

    public HttpClient GetHttpClient() => factory.CreateClient(Name);
}
