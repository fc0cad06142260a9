using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ResponseBot.Teams.Auth;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

public sealed class CertificateCredentialTests(PostgresFixture pg)
{
    [Fact]
    public async Task With_a_certificate_the_bot_sends_a_signed_client_assertion_instead_of_a_secret()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ResponseBot test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(Path.GetTempPath(), $"bot-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));

        await using var identity = await FakeIdentity.StartAsync();
        var key = identity.AddKey("k", "msteams");
        await using var connector = await FakeConnector.StartAsync();
        var settings = TokenMatrixTests.Settings(await pg.NewDatabaseAsync(), identity, new Uri("http://127.0.0.1:9/"));
        settings.Remove("Bot:ClientSecret");
        settings["Bot:CertificatePath"] = pfx;
        settings["Bot:CertificatePassword"] = "pfx-password";
        await using var bot = await BotHost.StartAsync(settings, services: identity.ServeTokens);

        var alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", connector.ServiceUrl);
        var activity = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(alex.Install().ToJsonString(), Encoding.UTF8, "application/json") };
        activity.Headers.TryAddWithoutValidation("Authorization", "Bearer " + FakeIdentity.Rs256(key, FakeIdentity.Claims(connector.ServiceUrl)));
        (await bot.Http.SendAsync(activity)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => !connector.Calls.IsEmpty, "welcome sent with a token");

        var form = Assert.Single(identity.TokenRequests);
        Assert.False(form.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var parts = form["client_assertion"].Split('.');
        // MSAL signs with RSA-PSS (PS256) and names the certificate by its SHA-256 thumbprint.
        Assert.True(certificate.GetRSAPublicKey()!.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pss), "assertion is signed with the certificate's key");
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        Assert.Equal("PS256", header.GetProperty("alg").GetString());
        Assert.Equal(Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA256)), header.GetProperty("x5t#S256").GetString());
        // The tenant's token endpoint in the cloud's authority: where MSAL posted, before the test's HTTP handler redirected it.
        Assert.Equal(BotCloud.For(BotCloudName.Public).TokenEndpoint("tenant-1").ToString(), payload.GetProperty("aud").GetString());
        Assert.Equal(FakeIdentity.AppId, payload.GetProperty("iss").GetString());
        Assert.Equal(FakeIdentity.AppId, payload.GetProperty("sub").GetString());
        Assert.Equal("Bearer connector-token-1", connector.Calls.First().Authorization);
        File.Delete(pfx);
    }
}

public sealed class CloudAuthorityTests
{
    [Theory]
    [InlineData(BotCloudName.Public, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", "https://api.botframework.com/.default")]
    [InlineData(BotCloudName.GCC, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", "https://api.botframework.com/.default")]
    [InlineData(BotCloudName.GCCHigh, "https://login.microsoftonline.us/tenant-1/oauth2/v2.0/token", "https://api.botframework.us/.default")]
    [InlineData(BotCloudName.DoD, "https://login.microsoftonline.us/tenant-1/oauth2/v2.0/token", "https://api.botframework.us/.default")]
    public async Task Each_cloud_asks_its_own_authority_for_its_own_scope_once_however_many_sends_want_it(
        BotCloudName name, string tokenEndpoint, string scope)
    {
        await using var identity = await FakeIdentity.StartAsync();
        var cloud = BotCloud.For(name);
        var tokens = new ClientCredentialsTokenProvider(
            ClientCredentialsTokenProvider.Application(cloud, "tenant-1", FakeIdentity.AppId, new BotCredential.Secret("s"), identity.MsalHttp),
            cloud.Scope, NullLogger<ClientCredentialsTokenProvider>.Instance);

        var issued = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => tokens.GetTokenAsync(CancellationToken.None)));

        Assert.All(issued, t => Assert.Equal("connector-token-1", t));
        Assert.Equal(tokenEndpoint, Assert.Single(identity.TokenRequestedAt).ToString());
        Assert.Equal(scope, Assert.Single(identity.TokenRequests)["scope"]);
    }
}
