using System.Net;
using Microsoft.Extensions.Options;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

public sealed class HostStartupTests(PostgresFixture pg)
{
    private static readonly Uri Receiver = new("http://127.0.0.1:9/replies");

    // Outside development replies go only to https receivers: these tests are about the bot's own settings.
    private static readonly Uri HttpsReceiver = new("https://replies.example.gov.uk/replies");

    [Fact]
    public async Task Authentication_None_is_refused_outside_Development()
    {
        var settings = BotHost.DefaultSettings(await pg.NewDatabaseAsync(), HttpsReceiver);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings, environment: "Production"));
        Assert.Contains("Bot:Authentication=None", ex.Message);
    }

    [Fact]
    public async Task Production_needs_app_credentials_and_a_tenant_allow_list_and_says_which_is_missing()
    {
        var settings = BotHost.DefaultSettings(await pg.NewDatabaseAsync(), HttpsReceiver);
        settings["Bot:Authentication"] = "BotFramework";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings, environment: "Production"));
        Assert.Contains("Bot:AllowedTenants is empty", ex.Message);
        Assert.Contains("Bot:AppId is required", ex.Message);
        Assert.Contains("Bot:TenantId is required", ex.Message);
        Assert.Contains("Set exactly one of Bot:ClientSecret and Bot:CertificatePath.", ex.Message);
    }

    [Fact]
    public async Task Production_starts_with_complete_Bot_Framework_settings()
    {
        var settings = BotHost.ProductionSettings(await pg.NewDatabaseAsync(), HttpsReceiver);
        settings["Bot:Cloud"] = "GCCHigh";
        await using var host = await BotHost.StartAsync(settings, environment: "Production");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("readyz")).StatusCode);
        // Without a token, nothing gets in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.PostAsync("api/messages", new StringContent(
            "{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"https://smba.infra.gov.teams.microsoft.us/teams\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}",
            System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    /// <summary>
    /// An edge that makes its use cases only when a request needs one (<c>Deferred&lt;T&gt;</c>) is not checked when the host
    /// starts: a use case missing from the container would fail only on the first click that needs it. Each is made here.
    /// </summary>
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Every_use_case_an_edge_makes_on_demand_can_be_made(string environment)
    {
        var database = await pg.NewDatabaseAsync();
        var settings = environment == "Production" ? BotHost.ProductionSettings(database, HttpsReceiver) : BotHost.DefaultSettings(database, Receiver);
        await using var host = await BotHost.StartAsync(settings, environment: environment);
        var deferred = typeof(ResponseBot.Host.Composition.Deferred<>);
        var made = deferred.Assembly.GetTypes()
            .SelectMany(t => t.GetConstructors())
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == deferred)
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        Assert.True(made.Count >= 17, $"only {made.Count} use cases are made on demand: the edges have changed");
        await using var scope = host.Services.CreateAsyncScope();
        foreach (var useCase in made)
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(useCase));
    }

    [Fact]
    public async Task A_misconfigured_account_fails_at_start_with_the_setting_named()
    {
        var settings = BotHost.DefaultSettings(await pg.NewDatabaseAsync(), Receiver);
        settings[$"Accounts:{BotHost.AccountId}:WebhookSecret"] = "short";
        settings[$"Accounts:{BotHost.AccountId}:ReplyUrl"] = "not a url";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings));
        Assert.Contains("Accounts:council:WebhookSecret must be at least 16 characters", ex.Message);
        Assert.Contains("Accounts:council:ReplyUrl must be an absolute http(s) URL", ex.Message);
    }

    [Fact]
    public async Task Readiness_is_503_until_the_database_is_migrated_and_health_is_always_200()
    {
        var connectionString = await pg.NewEmptyDatabaseAsync();
        await using var host = await BotHost.StartAsync(BotHost.DefaultSettings(connectionString, Receiver), migrate: false);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("healthz")).StatusCode);
        var notReady = await host.Http.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("database is not migrated", await notReady.Content.ReadAsStringAsync());

        await host.Services.GetRequiredService<ResponseBot.Store.MigrationRunner>().MigrateAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("readyz")).StatusCode);
    }

    [Fact]
    public async Task Readiness_is_503_when_the_database_is_unreachable()
    {
        var unreachable = $"Host=127.0.0.1;Port={Ports.Free()};Username=postgres;Database=none;Timeout=2";
        await using var host = await BotHost.StartAsync(BotHost.DefaultSettings(unreachable, Receiver), migrate: false);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("healthz")).StatusCode);
        var response = await host.Http.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("database unreachable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_plain_http_reply_url_is_refused_outside_development()
    {
        var settings = BotHost.ProductionSettings(await pg.NewDatabaseAsync(), Receiver);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(settings, environment: "Production"));
        Assert.Contains("Accounts:council:ReplyUrl must be https outside development", ex.Message);
    }
}
