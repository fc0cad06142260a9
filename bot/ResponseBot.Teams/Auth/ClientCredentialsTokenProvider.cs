using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using ResponseBot.Domain;
using ResponseBot.Teams.Outbound;

namespace ResponseBot.Teams.Auth;

/// <summary>
/// OAuth client-credentials tokens for the Bot Connector (single-tenant app registration), acquired and cached by MSAL,
/// which renews a token five minutes before it expires: an expired cached token after an idle night is the classic
/// cause of intermittent 401s. Tokens and secrets are never logged.
/// </summary>
public sealed class ClientCredentialsTokenProvider(IConfidentialClientApplication app, string scope, ILogger<ClientCredentialsTokenProvider> log)
    : IConnectorTokenProvider
{
    private readonly string[] _scopes = [scope];

    // MSAL doesn't merge concurrent cache misses: without this, every send racing a cold or expiring cache would ask Entra.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static IConfidentialClientApplication Application(BotCloud cloud, string tenantId, string appId, BotCredential credential, IMsalHttpClientFactory http)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(appId)
            .WithAuthority(cloud.Authority(tenantId))
            // The cloud's authority is known, national clouds included: nothing to ask the public cloud about.
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(http);
        return (credential switch
        {
            BotCredential.Secret s => builder.WithClientSecret(s.Value),
            BotCredential.Certificate c => builder.WithCertificate(c.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(credential)),
        }).Build();
    }

    public Task<string?> GetTokenAsync(CancellationToken ct) => AcquireAsync(null, ct);

    public Task<string?> RenewAsync(string? rejected, CancellationToken ct) => AcquireAsync(rejected ?? "", ct);

    /// <param name="rejected">Null: the cached token will do. Otherwise a token the connector refused: MSAL's cache is
    /// bypassed, unless a concurrent renewal already put a different token there.</param>
    private async Task<string?> AcquireAsync(string? rejected, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var token = (await app.AcquireTokenForClient(_scopes).ExecuteAsync(ct)).AccessToken;
            if (rejected is null || token != rejected && rejected != "") return token;
            log.LogWarning("The Bot Connector refused the bot's token: asking for a new one");
            return (await app.AcquireTokenForClient(_scopes).WithForceRefresh(true).ExecuteAsync(ct)).AccessToken;
        }
        catch (MsalServiceException ex)
        {
            // Entra's error code only: its full answer may echo the request.
            log.LogError("Token request for the bot failed: {Status} {Error}", ex.StatusCode, ex.ErrorCode);
            throw new DeliveryException(DeliveryFailure.Transient, $"token endpoint answered {ex.StatusCode} {ex.ErrorCode}");
        }
        catch (MsalClientException ex)
        {
            log.LogError("Token request for the bot failed: {Error}", ex.ErrorCode);
            throw new DeliveryException(DeliveryFailure.Transient, $"token request failed: {ex.ErrorCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, "token endpoint unreachable", inner: ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
