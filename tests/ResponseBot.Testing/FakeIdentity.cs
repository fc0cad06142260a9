using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Client;

namespace ResponseBot.Testing;

/// <summary>
/// Stands in for login.botframework.com (OpenID metadata + JWKS with endorsements) and the Entra token
/// endpoint, with RSA keys generated per test. Also mints tokens, good and forged.
/// </summary>
public sealed class FakeIdentity : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "11111111-2222-3333-4444-555555555555";

    public sealed record Key(string Kid, RSA Rsa, string[] Endorsements);

    private readonly WebApplication _app;
    public List<Key> Published { get; } = [];
    public int MetadataFetches;
    public bool Down { get; set; }
    /// <summary>How long the key set takes to come back: a slow refresh that requests pile up behind.</summary>
    public TimeSpan KeysDelay { get; set; }
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();
    public string IssuedToken { get; set; } = "connector-token-1";
    public Uri MetadataUrl { get; private set; } = null!;
    public Uri TokenUrl { get; private set; } = null!;

    private FakeIdentity(WebApplication app) => _app = app;

    public static async Task<FakeIdentity> StartAsync()
    {
        FakeIdentity fake = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            fake = new FakeIdentity(app);
            app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext http) =>
            {
                Interlocked.Increment(ref fake.MetadataFetches);
                return fake.Down
                    ? Results.StatusCode(503)
                    : Results.Json(new { issuer = Issuer, jwks_uri = $"{fake.Base(http)}/v1/.well-known/keys", id_token_signing_alg_values_supported = new[] { "RS256" } });
            });
            app.MapGet("/v1/.well-known/keys", async () =>
            {
                await Task.Delay(fake.KeysDelay);
                return fake.Down ? Results.StatusCode(503) : Results.Json(new { keys = fake.Published.Select(Jwk).ToArray() });
            });
            app.MapPost("/token", async (HttpContext http) =>
            {
                var form = await http.Request.ReadFormAsync();
                fake.TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = fake.IssuedToken });
            });
        });
        fake.MetadataUrl = new Uri(baseUrl, "v1/.well-known/openidconfiguration");
        fake.TokenUrl = new Uri(baseUrl, "token");
        return fake;
    }

    /// <summary>Where MSAL sent each token request before it was redirected here.</summary>
    public ConcurrentQueue<Uri> TokenRequestedAt { get; } = new();

    /// <summary>MSAL's HTTP, with the token request sent here: MSAL only asks an https authority for tokens.</summary>
    public IMsalHttpClientFactory MsalHttp => new TokenClients(new HttpClient(new ToTokenEndpoint(this)));

    /// <summary>Makes the bot's token requests reach this endpoint.</summary>
    public void ServeTokens(IServiceCollection services) => services.AddSingleton(MsalHttp);

    private sealed class TokenClients(HttpClient http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http;
    }

    private sealed class ToTokenEndpoint(FakeIdentity fake) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            // Only the token request: anything else MSAL asked for would be a call the bot must not make.
            if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/oauth2/v2.0/token"))
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
            fake.TokenRequestedAt.Enqueue(request.RequestUri);
            request.RequestUri = fake.TokenUrl;
            return base.SendAsync(request, ct);
        }
    }

    private string Base(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    public Key AddKey(string kid, params string[] endorsements)
    {
        var key = new Key(kid, RSA.Create(2048), endorsements);
        Published.Add(key);
        return key;
    }

    private static object Jwk(Key k)
    {
        var p = k.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", kid = k.Kid, n = Base64Url.EncodeToString(p.Modulus), e = Base64Url.EncodeToString(p.Exponent), endorsements = k.Endorsements };
    }

    /// <summary>The claims a real Bot Connector token carries for <paramref name="serviceUrl"/>.</summary>
    public static JsonObject Claims(Uri serviceUrl, DateTimeOffset? now = null)
    {
        var t = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = AppId, ["serviceurl"] = serviceUrl.ToString(),
            ["nbf"] = t - 60, ["iat"] = t - 60, ["exp"] = t + 3600,
        };
    }

    public static string Sign(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var input = $"{B64(header)}.{B64(claims)}";
        return $"{input}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(input)))}";
    }

    public static string Rs256(Key key, JsonObject claims, string alg = "RS256")
    {
        var hash = alg switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        return Sign(new JsonObject { ["alg"] = alg, ["kid"] = key.Kid, ["typ"] = "JWT" }, claims,
            input => key.Rsa.SignData(input, hash, RSASignaturePadding.Pkcs1));
    }

    private static string B64(JsonObject o) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(o.ToJsonString()));

    /// <summary>The public key as a JWK JSON string: what an attacker would use as an HMAC secret.</summary>
    public static string PublicJwk(Key key) => JsonSerializer.Serialize(Jwk(key));

    public async ValueTask DisposeAsync() { await _app.StopAsync(); await _app.DisposeAsync(); }
}
