using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ResponseBot.Teams.Auth;
using ResponseBot.Teams.Inbound;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Key caching and lifetime rules with a hand-moved clock, against the local OpenID/JWKS server.</summary>
public sealed class SigningKeyCacheTests : IAsyncLifetime
{
    private static readonly Uri ServiceUrl = new("https://smba.trafficmanager.net/uk/");
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);
    private FakeIdentity _identity = null!;
    private FakeIdentity.Key _key = null!;
    private SigningKeyCache _cache = null!;
    private BotFrameworkAuthenticator _auth = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await FakeIdentity.StartAsync();
        _key = _identity.AddKey("k1", "msteams");
        _cache = new SigningKeyCache(new HttpClient(), _identity.MetadataUrl, _time, NullLogger<SigningKeyCache>.Instance)
        {
            MinForcedRefreshInterval = TimeSpan.FromSeconds(30),
        };
        _auth = new BotFrameworkAuthenticator(_cache, FakeIdentity.Issuer, FakeIdentity.AppId, _time);
    }

    public ValueTask DisposeAsync() => _identity.DisposeAsync();

    private Task<InboundAuthResult> CheckAsync(Action<JsonObject>? change = null, FakeIdentity.Key? key = null)
    {
        var claims = FakeIdentity.Claims(ServiceUrl, _time.GetUtcNow());
        change?.Invoke(claims);
        return _auth.AuthenticateAsync("Bearer " + FakeIdentity.Rs256(key ?? _key, claims), "msteams", ServiceUrl.ToString(), CancellationToken.None);
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
    public async Task Keys_are_refetched_once_a_day_and_not_in_between()
    {
        await CheckAsync();
        await CheckAsync();
        _time.Advance(TimeSpan.FromHours(23));
        await CheckAsync();
        Assert.Equal(1, _cache.Fetches);
        _time.Advance(TimeSpan.FromHours(1.5));
        await CheckAsync();
        Assert.Equal(2, _cache.Fetches);
    }

    [Fact]
    public async Task Unknown_kids_force_a_refresh_at_most_every_30_seconds()
    {
        await CheckAsync();
        var stranger = new FakeIdentity.Key("k2", System.Security.Cryptography.RSA.Create(2048), ["msteams"]);
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(key: stranger)).Status);
        Assert.Equal(1, _cache.Fetches);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(InboundAuthStatus.Rejected, (await CheckAsync(key: stranger)).Status);
        Assert.Equal(2, _cache.Fetches);
    }

    [Fact]
    public async Task When_the_daily_refresh_fails_the_cached_keys_keep_working()
    {
        Assert.Equal(InboundAuthStatus.Authenticated, (await CheckAsync()).Status);
        _identity.Down = true;
        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(InboundAuthStatus.Authenticated, (await CheckAsync()).Status);
        // ...and it does not retry on every request while the endpoint is down.
        var fetches = _cache.Fetches;
        await CheckAsync();
        Assert.Equal(fetches, _cache.Fetches);
    }
}

public sealed class SigningKeyOutageTests : IAsyncLifetime
{
    private readonly ManualTime _time = new(DateTimeOffset.UtcNow);
    private FakeIdentity _identity = null!;

    public async ValueTask InitializeAsync() => _identity = await FakeIdentity.StartAsync();

    public ValueTask DisposeAsync() => _identity.DisposeAsync();

    [Fact]
    public async Task While_the_metadata_is_down_a_flood_of_forged_kids_costs_one_fetch_per_interval_and_a_503_each()
    {
        _identity.AddKey("k1", "msteams");
        _identity.Down = true;
        var cache = new SigningKeyCache(new HttpClient(), _identity.MetadataUrl, _time, NullLogger<SigningKeyCache>.Instance);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            try { await cache.FindAsync($"forged-{i}", CancellationToken.None); return "no key"; }
            catch (SigningKeysUnavailableException) { return "unavailable"; }
        }));
        Assert.All(results, r => Assert.Equal("unavailable", r));
        Assert.Equal(1, cache.Fetches);

        _identity.Down = false;
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.NotNull(await cache.FindAsync("k1", CancellationToken.None));
        Assert.Equal(2, cache.Fetches);
    }
}
