using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResponseBot.Host.Composition;

namespace ResponseBot.Testing;

/// <summary>The real host (same composition root as Program) on a free loopback port.</summary>
public sealed class BotHost : IAsyncDisposable
{
    public const string AccountId = "council";
    public const string Secret = "test-webhook-secret-0123456789abcdef";
    public const string Handle = "ExampleCouncil";

    private readonly WebApplication _app;

    public Uri BaseUrl { get; }
    public IServiceProvider Services => _app.Services;
    public HttpClient Http { get; }
    public CapturedLogs Logs { get; }

    private BotHost(WebApplication app, Uri baseUrl, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Settings every test host gets: local auth, one generic account, a fast outbox.</summary>
    public static Dictionary<string, string?> DefaultSettings(string connectionString, Uri replyUrl) => new()
    {
        ["ConnectionStrings:ResponseBot"] = PostgresFixture.AsApp(connectionString),
        ["ConnectionStrings:Owner"] = PostgresFixture.AsOwner(connectionString),
        ["Bot:Authentication"] = "None",
        [$"Accounts:{AccountId}:Platform"] = "Generic",
        [$"Accounts:{AccountId}:Handle"] = Handle,
        [$"Accounts:{AccountId}:DisplayName"] = "Community Forum",
        [$"Accounts:{AccountId}:WebhookSecret"] = Secret,
        [$"Accounts:{AccountId}:ReplyUrl"] = replyUrl.ToString(),
        ["Outbox:PollInterval"] = "00:00:00.050",
        ["Outbox:FirstRetryDelay"] = "00:00:00.200",
        ["Bot:ConnectorRetryDelay"] = "00:00:00.100",
        // A send waits in-process for Teams' budget (real time) rather than being rescheduled by the app's clock, which
        // many tests hold still; the cluster tests and the connector's own tests use the production setting.
        ["Bot:MaxPacingWait"] = "00:01:00",
        ["Policy:UndoWindow"] = "00:00:00.200",
        // The cast of the tests, and the Agents Playground's two users, are staff who may go on call.
        ["Roles:Officers:0"] = "aad-alex",
        ["Roles:Officers:1"] = "aad-megan",
        ["Roles:Officers:2"] = "aad-adele",
        ["Roles:Officers:3"] = "00000000-0000-0000-0000-0000000000020",
        ["Roles:Officers:4"] = "00000000-0000-0000-0000-0000000000021",
        ["Jobs:Enabled"] = "false", // the scheduling tests turn the scheduler on
        ["Jobs:MisfireThreshold"] = "00:00:01", // a clock moved forward by hand is caught up with at once

        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:ResponseBot"] = "Information",
    };

    /// <param name="services">Replacements after every registration (e.g. a data source that counts connections).</param>
    /// <summary><see cref="DefaultSettings"/> with real Bot Framework authentication configured, as a production host needs.</summary>
    public static Dictionary<string, string?> ProductionSettings(string connectionString, Uri replyUrl)
    {
        var settings = DefaultSettings(connectionString, replyUrl);
        settings["Bot:Authentication"] = "BotFramework";
        settings["Bot:AppId"] = "app";
        settings["Bot:TenantId"] = "tenant";
        settings["Bot:ClientSecret"] = "secret";
        settings["Bot:AllowedTenants:0"] = "tenant";
        return settings;
    }

    public static async Task<BotHost> StartAsync(IDictionary<string, string?> settings, string environment = "Development", bool migrate = true, int port = 0,
        TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var app = ResponseBotApp.Build(["--environment", environment, "--urls", $"http://127.0.0.1:{port}"], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.Logging.AddProvider(logs);
        }, registered =>
        {
            if (clock is not null) registered.AddSingleton(clock);
            services?.Invoke(registered);
        });
        if (migrate) await app.MigrateDatabaseAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotHost(app, new Uri(address.Replace("[::]", "127.0.0.1") + "/"), logs);
    }

    private bool _disposed;

    /// <summary>Stops the host; safe to call again (a test that stops an instance early, then disposes its scenario).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
