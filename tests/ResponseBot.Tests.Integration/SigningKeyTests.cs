using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ResponseBot.Teams.Auth;
using ResponseBot.Teams.Inbound;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Lifetime rules on a hand-moved clock, and how the signing keys are fetched and refreshed, against the local
/// OpenID/JWKS server. The key manager runs on the real clock: Microsoft.IdentityModel takes no other.
/// </summary>
public sealed class SigningKeyTests : IAsyncLifetime
{
    private static readonly Uri ServiceUrl = new("https://smba.trafficmanager.net/uk/");
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>Requests for the metadata in one failed refresh: the library tries again once on a 503.</summary>
    public const int OneFailedRefresh = 2;
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);
    private FakeIdentity _identity = null!;
    private FakeIdentity.Key _key = null!;
    private ConfigurationManager<OpenIdConnectConfiguration> _keys = null!;
    private BotFrameworkAuthenticator _auth = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await FakeIdentity.StartAsync();
        _key = _identity.AddKey("k1", "msteams");
        (_keys, _auth) = Authenticator(RefreshInterval);
    }

    private (ConfigurationManager<OpenIdConnectConfiguration>, BotFrameworkAuthenticator) Authenticator(TimeSpan refreshInterval)
    {
        var keys = SigningKeys.Create(_identity.MetadataUrl, new HttpClient(), refreshInterval);
        return (keys, new BotFrameworkAuthenticator(keys, FakeIdentity.Issuer, FakeIdentity.AppId, _time));
    }

    public ValueTask DisposeAsync() => _identity.DisposeAsync();

    private Task<InboundAuthResult> CheckAsync(Action<JsonObject>? change = null, FakeIdentity.Key? key = null, BotFrameworkAuthenticator? auth = null)
    {
        var claims = FakeIdentity.Claims(ServiceUrl, _time.GetUtcNow());
        change?.Invoke(claims);
        return (auth ?? _auth).AuthenticateAsync("Bearer " + FakeIdentity.Rs256(key ?? _key, claims), "msteams", ServiceUrl.ToString(), CancellationToken.None);
    }

    [Theory]
    [InlineData(-299, InboundAuthStatus.Authenticated)]
    [InlineData(-300, InboundAuthStatus.Rejected)]
    public async Task Expiry_allows_five_minutes_of_clock_skew_and_no_more(int expOffsetSeconds, InboundAuthStatus expected)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(expected, (await CheckAsync(c => c["exp"] = now + expOffsetSeconds)).Status);
    }

    [Theory]
    [InlineData(300, InboundAuthStatus.Authenticated)]
    [InlineData(301, InboundAuthStatus.Rejected)]
    public async Task Not_before_allows_five_minutes_of_clock_skew_and_no_more(int nbfOffsetSeconds, InboundAuthStatus expected)
    {
        // Whole seconds, so the manual clock and the claim line up exactly.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        _time.Advance(now - _time.GetUtcNow());
        Assert.Equal(expected, (await CheckAsync(c => c["nbf"] = now.ToUnixTimeSeconds() + nbfOffsetSeconds)).Status);
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused() =>
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(c => c.Remove("exp"))).Status);

    [Fact]
    public async Task Keys_are_fetched_once_and_reused_until_the_daily_refresh()
    {
        Assert.Equal(InboundAuthStatus.Authenticated, (await CheckAsync()).Status);
        await CheckAsync();
        await CheckAsync();
        Assert.Equal(1, _identity.MetadataFetches);
        Assert.Equal(TimeSpan.FromDays(1), _keys.AutomaticRefreshInterval);
        Assert.Equal(RefreshInterval, _keys.RefreshInterval);
    }

    [Fact]
    public async Task Unknown_kids_force_a_refresh_at_most_once_per_interval()
    {
        var interval = TimeSpan.FromSeconds(2);
        var (_, auth) = Authenticator(interval);
        Assert.Equal(InboundAuthStatus.Authenticated, (await CheckAsync(auth: auth)).Status);
        var stranger = new FakeIdentity.Key("k2", RSA.Create(2048), ["msteams"]);
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(key: stranger, auth: auth)).Status);
        Assert.Equal(2, _identity.MetadataFetches);
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(key: stranger, auth: auth)).Status);
        Assert.Equal(2, _identity.MetadataFetches);
        // Past the interval with room to spare: the library times it from when its last fetch finished, on the real clock.
        await Task.Delay(interval + TimeSpan.FromMilliseconds(750));
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(key: stranger, auth: auth)).Status);
        Assert.Equal(3, _identity.MetadataFetches);
    }

    [Fact]
    public async Task When_a_refresh_fails_the_cached_keys_keep_working()
    {
        Assert.Equal(InboundAuthStatus.Authenticated, (await CheckAsync()).Status);
        _identity.Down = true;
        var stranger = new FakeIdentity.Key("k2", RSA.Create(2048), ["msteams"]);
        // The refresh it forces fails: refused, not a 503, since we hold keys.
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(key: stranger)).Status);
        Assert.Equal(1 + OneFailedRefresh, _identity.MetadataFetches);
        Assert.Equal(InboundAuthStatus.Authenticated, (await CheckAsync()).Status);
        // ...and it does not retry on every request while the endpoint is down.
        await CheckAsync();
        await CheckAsync(key: stranger);
        Assert.Equal(1 + OneFailedRefresh, _identity.MetadataFetches);
    }
}

public sealed class SigningKeyOutageTests : IAsyncLifetime
{
    private FakeIdentity _identity = null!;

    public async ValueTask InitializeAsync() => _identity = await FakeIdentity.StartAsync();

    public ValueTask DisposeAsync() => _identity.DisposeAsync();

    [Fact]
    public async Task While_the_metadata_is_down_a_flood_of_forged_kids_costs_a_few_fetches_not_one_each_and_a_503_each()
    {
        _identity.AddKey("k1", "msteams");
        _identity.Down = true;
        var auth = new BotFrameworkAuthenticator(
            SigningKeys.Create(_identity.MetadataUrl, new HttpClient(), TimeSpan.FromSeconds(30)), FakeIdentity.Issuer, FakeIdentity.AppId, TimeProvider.System);
        using var rsa = RSA.Create(2048);
        var serviceUrl = new Uri("https://smba.trafficmanager.net/uk/");

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => auth.AuthenticateAsync(
            "Bearer " + FakeIdentity.Rs256(new FakeIdentity.Key($"forged-{i}", rsa, ["msteams"]), FakeIdentity.Claims(serviceUrl)),
            "msteams", serviceUrl.ToString(), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(InboundAuthStatus.Unavailable, r.Status));
        // With nothing fetched yet the library tries again after a random wait that doubles from 1 s up to the 30 s
        // interval: at most six refreshes however many requests come in meanwhile.
        Assert.InRange(_identity.MetadataFetches, 1, 6 * SigningKeyTests.OneFailedRefresh);
    }
}
