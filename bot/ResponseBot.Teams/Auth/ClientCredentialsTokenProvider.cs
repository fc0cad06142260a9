using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Domain;
using ResponseBot.Teams.Outbound;

namespace ResponseBot.Teams.Auth;

/// <summary>How the bot proves itself to Entra: a client secret or an X.509 certificate.</summary>
public abstract record BotCredential
{
    public sealed record Secret(string Value) : BotCredential;

    public sealed record Certificate(X509Certificate2 Value) : BotCredential;
}

/// <summary>
/// OAuth client-credentials tokens for the Bot Connector (single-tenant app registration). Cached and
/// renewed five minutes before expiry, one request at a time: an expired cached token after an idle
/// night is the classic cause of intermittent 401s. Tokens and secrets are never logged.
/// </summary>
public sealed class ClientCredentialsTokenProvider(
    HttpClient http, Uri tokenEndpoint, string clientId, string scope, BotCredential credential, TimeProvider clock, ILogger<ClientCredentialsTokenProvider> log)
    : IConnectorTokenProvider
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (Fresh() is { } token) return token;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            _cached = await RequestAsync(ct);
            return _cached.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Fresh() => _cached is { } c && clock.GetUtcNow() < c.ExpiresAt - RenewBefore ? c.Token : null;

    private async Task<(string, DateTimeOffset)> RequestAsync(CancellationToken ct)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["scope"] = scope,
        };
        switch (credential)
        {
            case BotCredential.Secret s:
                form["client_secret"] = s.Value;
                break;
            case BotCredential.Certificate c:
                form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                form["client_assertion"] = ClientAssertion(c.Value);
                break;
        }
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(form), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, "token endpoint unreachable", inner: ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // The body may echo request details; log the status and Entra's error code only.
                var code = await ErrorCodeAsync(response, ct);
                log.LogError("Token request for the bot failed: {Status} {Error}", (int)response.StatusCode, code);
                throw new DeliveryException(DeliveryFailure.Transient, $"token endpoint answered {(int)response.StatusCode} {code}");
            }
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var token = body.GetProperty("access_token").GetString()!;
            var expiresIn = body.TryGetProperty("expires_in", out var e) ? (e.ValueKind == JsonValueKind.Number ? e.GetInt32() : int.Parse(e.GetString()!)) : 3600;
            return (token, clock.GetUtcNow().AddSeconds(expiresIn));
        }
    }

    /// <summary>The signed JWT that stands in for a secret when authenticating with a certificate.</summary>
    private string ClientAssertion(X509Certificate2 certificate)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            alg = "RS256",
            typ = "JWT",
            x5t = Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA1)),
        });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            aud = tokenEndpoint.ToString(),
            iss = clientId,
            sub = clientId,
            jti = Guid.NewGuid().ToString(),
            nbf = now,
            iat = now,
            exp = now + 600,
        });
        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}";
        using var rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the bot certificate has no RSA private key");
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return "";
        }
    }
}
