using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Inbound Bot Framework authentication against a local OpenID/JWKS server with keys generated here:
/// one valid token is accepted; every forgery or mismatch is a 401 with no detail and no effect.
/// </summary>
public sealed class TokenMatrixTests(PostgresFixture pg) : IAsyncLifetime
{
    private FakeIdentity _identity = null!;
    private FakeConnector _connector = null!;
    private BotHost _bot = null!;
    private Db _db = null!;
    private FakeIdentity.Key _teamsKey = null!;
    private FakeIdentity.Key _webchatKey = null!;
    private TeamsUser _alex = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await FakeIdentity.StartAsync();
        _teamsKey = _identity.AddKey("teams-key", "msteams", "skype");
        _webchatKey = _identity.AddKey("webchat-key", "webchat");
        _connector = await FakeConnector.StartAsync();
        var connectionString = await pg.NewDatabaseAsync();
        _db = new Db(connectionString);
        _bot = await BotHost.StartAsync(Settings(connectionString, _identity, new Uri("http://127.0.0.1:9/")), services: _identity.ServeTokens);
        _alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", _connector.ServiceUrl);
    }

    /// <summary>
    /// Short, so a test can wait one out; above the library's 1 s floor, where a failed first fetch of the keys is retried
    /// at once rather than after the interval.
    /// </summary>
    public static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromSeconds(2);

    public static Dictionary<string, string?> Settings(string connectionString, FakeIdentity identity, Uri replyUrl)
    {
        var s = BotHost.DefaultSettings(connectionString, replyUrl);
        s["Bot:Authentication"] = "BotFramework";
        s["Bot:AppId"] = FakeIdentity.AppId;
        s["Bot:TenantId"] = "tenant-1";
        s["Bot:ClientSecret"] = "client-secret-never-logged";
        s["Bot:OpenIdMetadataUrl"] = identity.MetadataUrl.ToString();
        s["Bot:MinKeyRefreshInterval"] = KeyRefreshInterval.ToString();
        s["Bot:AllowedTenants:0"] = "tenant-1";
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await _bot.Http.SendAsync(request);
    }

    private JsonObject Claims() => FakeIdentity.Claims(_connector.ServiceUrl);

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task A_valid_token_is_accepted_and_the_activity_takes_effect(string alg)
    {
        var response = await SendAsync(_alex.Message("on call"), "Bearer " + FakeIdentity.Rs256(_teamsKey, Claims(), alg));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await _db.CountAsync("on_call", "staff_id = 'aad-alex'"));
    }

    public static TheoryData<string> Forgeries =>
    [
        "no header", "not bearer", "not a JWT", "bad signature", "alg none", "HS256 with the public key", "expired", "not yet valid",
        "wrong issuer", "wrong audience", "no serviceurl claim", "serviceurl differs", "camelCase serviceUrl claim only",
        "key without msteams endorsement", "tenant not allowed",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_or_mismatched_tokens_are_401_with_no_detail_and_no_effect(string forgery)
    {
        var activity = _alex.Message("on call");
        var claims = Claims();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string? auth = forgery switch
        {
            "no header" => null,
            "not bearer" => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("user:pass")),
            "not a JWT" => "Bearer not.a-jwt",
            "bad signature" => "Bearer " + FakeIdentity.Rs256(_teamsKey, claims)[..^8] + "AAAAAAAA",
            "alg none" => "Bearer " + FakeIdentity.Sign(new JsonObject { ["alg"] = "none", ["kid"] = _teamsKey.Kid }, claims, _ => []),
            "HS256 with the public key" => "Bearer " + FakeIdentity.Sign(new JsonObject { ["alg"] = "HS256", ["kid"] = _teamsKey.Kid }, claims,
                input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(FakeIdentity.PublicJwk(_teamsKey)), input)),
            "expired" => Token(c => { c["exp"] = now - 330; c["nbf"] = now - 3600; }),
            "not yet valid" => Token(c => c["nbf"] = now + 330),
            "wrong issuer" => Token(c => c["iss"] = "https://sts.windows.net/evil/"),
            "wrong audience" => Token(c => c["aud"] = "some-other-bot"),
            "no serviceurl claim" => Token(c => c.Remove("serviceurl")),
            "serviceurl differs" => Token(c => c["serviceurl"] = "https://smba.trafficmanager.net/evil/"),
            "camelCase serviceUrl claim only" => Token(c => { c["serviceUrl"] = c["serviceurl"]!.GetValue<string>(); c.Remove("serviceurl"); }),
            "key without msteams endorsement" => "Bearer " + FakeIdentity.Rs256(_webchatKey, claims),
            "tenant not allowed" => Token(_ => activity["channelData"]!["tenant"]!["id"] = "someone-elses-tenant"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var response = await SendAsync(activity, auth);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _db.CountAsync("staff"));
        Assert.Equal(0, await _db.CountAsync("on_call"));
    }

    private string Token(Action<JsonObject> change)
    {
        var claims = Claims();
        change(claims);
        return "Bearer " + FakeIdentity.Rs256(_teamsKey, claims);
    }

    [Fact]
    public async Task An_unknown_kid_refreshes_the_keys_once_then_is_refused_and_a_key_added_later_is_accepted()
    {
        (await SendAsync(_alex.Message("hi"), "Bearer " + FakeIdentity.Rs256(_teamsKey, Claims()))).EnsureSuccessStatusCode();
        var fetches = _identity.MetadataFetches;

        var stranger = new FakeIdentity.Key("rotated-in", RSA.Create(2048), ["msteams"]);
        var response = await SendAsync(_alex.Message("on call"), "Bearer " + FakeIdentity.Rs256(stranger, Claims()));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(fetches + 1, _identity.MetadataFetches);

        // Microsoft adds keys without notice: once published, the next request allowed to refresh picks it up.
        _identity.Published.Add(stranger);
        await Task.Delay(KeyRefreshInterval + TimeSpan.FromMilliseconds(750));   // past the interval with room to spare on a loaded machine
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_alex.Message("on call"), "Bearer " + FakeIdentity.Rs256(stranger, Claims()))).StatusCode);
    }

    [Fact]
    public async Task A_key_published_since_the_last_fetch_is_accepted_on_its_first_token()
    {
        (await SendAsync(_alex.Message("hi"), "Bearer " + FakeIdentity.Rs256(_teamsKey, Claims()))).EnsureSuccessStatusCode();
        var rolledIn = _identity.AddKey("rolled-in", "msteams");

        // Not refused while the new set loads in the background: this request waits for it.
        var response = await SendAsync(_alex.Message("on call"), "Bearer " + FakeIdentity.Rs256(rolledIn, Claims()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await _db.CountAsync("on_call", "staff_id = 'aad-alex'"));
    }

    [Fact]
    public async Task A_burst_of_unknown_kids_costs_one_refresh_per_wave_not_one_per_request()
    {
        (await SendAsync(_alex.Message("hi"), "Bearer " + FakeIdentity.Rs256(_teamsKey, Claims()))).EnsureSuccessStatusCode();
        var fetches = _identity.MetadataFetches;
        var stranger = new FakeIdentity.Key("unknown", RSA.Create(2048), ["msteams"]);
        var token = "Bearer " + FakeIdentity.Rs256(stranger, Claims());
        _identity.KeysDelay = TimeSpan.FromSeconds(1);   // the burst arrives while the first refresh is still in flight, however busy the machine

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => SendAsync(_alex.Message("on call"), token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        // Waiters share the refresh in flight; only requests arriving after it may start another.
        Assert.InRange(_identity.MetadataFetches - fetches, 1, 5);
    }

    [Fact]
    public async Task Metadata_down_is_503_for_that_request_and_recovers_when_it_returns()
    {
        await using var freshBot = await BotHost.StartAsync(Settings(_db.ConnectionString, _identity, new Uri("http://127.0.0.1:9/")), services: _identity.ServeTokens);
        _identity.Down = true;
        var token = "Bearer " + FakeIdentity.Rs256(_teamsKey, Claims());

        var down = await SendViaAsync(freshBot, _alex.Message("on call"), token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(0, await _db.CountAsync("on_call"));

        _identity.Down = false;
        Assert.Equal(HttpStatusCode.OK, (await SendViaAsync(freshBot, _alex.Message("on call"), token)).StatusCode);
        Assert.Equal(1, await _db.CountAsync("on_call"));
    }

    private static Task<HttpResponseMessage> SendViaAsync(BotHost bot, JsonObject activity, string auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", auth);
        return bot.Http.SendAsync(request);
    }

    [Fact]
    public async Task Outbound_calls_carry_a_client_credentials_token_fetched_once_and_reused()
    {
        var token = "Bearer " + FakeIdentity.Rs256(_teamsKey, Claims());
        (await SendAsync(_alex.Install(), token)).EnsureSuccessStatusCode();
        (await SendAsync(_alex.Message("on call"), token)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => _connector.Calls.Count >= 2, "welcome and confirmation sent");

        Assert.All(_connector.Calls, c => Assert.Equal("Bearer connector-token-1", c.Authorization));
        var request = Assert.Single(_identity.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal(FakeIdentity.AppId, request["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
        Assert.Equal("client-secret-never-logged", request["client_secret"]);

        // Neither the app's secret nor any bearer token (ours or the channel's) ever reaches a log.
        Assert.NotEmpty(_bot.Logs.Lines);
        Assert.DoesNotContain(_bot.Logs.Lines, l => l.Contains("client-secret-never-logged") || l.Contains("connector-token-1") || l.Contains(token[7..]));
    }
}
