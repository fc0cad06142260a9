using ResponseBot.Application.Metrics;
using ResponseBot.Application.Ports;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ResponseBot.Domain.Chat;
using ResponseBot.Teams.Auth;
using ResponseBot.Teams.Inbound;
using ResponseBot.Teams.Outbound;

namespace ResponseBot.Teams;

public static class TeamsRegistration
{
    /// <summary>Everything the Teams channel needs. Swapping in the official SDK means replacing this call.</summary>
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection(BotOptions.Section);
        var development = env.IsDevelopment();
        services.AddOptions<BotOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>>(new BotOptionsValidator(development));

        var local = section.GetValue(nameof(BotOptions.Authentication), BotAuthenticationMode.BotFramework) == BotAuthenticationMode.None;
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            // Loopback service URLs only when developing (the Agents Playground, test fakes).
            return new ServiceUrlPolicy(o.CloudSettings.TrustedServiceHosts, allowLoopback: development);
        });
        // No client of the bot follows a redirect: keys, tokens and activities only come from and go to the hosts configured.
        services.AddHttpClient(nameof(SigningKeys), c => c.Timeout = TimeSpan.FromSeconds(10)).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        services.AddHttpClient(MsalHttpClients.Name, c => c.Timeout = TimeSpan.FromSeconds(20)).ConfigurePrimaryHttpMessageHandler(NoRedirects);

        if (local)
        {
            services.AddSingleton<IInboundAuthenticator, NoInboundAuthentication>();
            services.AddSingleton<IConnectorTokenProvider, AnonymousConnectorTokens>();
        }
        else
        {
            services.AddSingleton(sp => SigningKeys.Create(
                Options(sp).OpenIdMetadataUrl ?? Options(sp).CloudSettings.OpenIdMetadataUrl,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SigningKeys)), Options(sp).MinKeyRefreshInterval));
            services.AddSingleton<IInboundAuthenticator>(sp => new BotFrameworkAuthenticator(
                sp.GetRequiredService<ConfigurationManager<OpenIdConnectConfiguration>>(), Options(sp).CloudSettings.Issuer, Options(sp).AppId!,
                sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMsalHttpClientFactory>(sp => new MsalHttpClients(sp.GetRequiredService<IHttpClientFactory>()));
            services.AddSingleton<IConnectorTokenProvider>(sp =>
            {
                var o = Options(sp);
                var app = ClientCredentialsTokenProvider.Application(
                    o.CloudSettings, o.TenantId!, o.AppId!, Credential(o), sp.GetRequiredService<IMsalHttpClientFactory>());
                return new ClientCredentialsTokenProvider(app, o.CloudSettings.Scope, sp.GetRequiredService<ILogger<ClientCredentialsTokenProvider>>());
            });
        }

        services.AddSingleton<ActivityGate>();
        services.AddSingleton<ConnectorPacer>();
        services.AddSingleton<ConnectorRetry>();
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30)).ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .CountThrottling(ConnectorClient.MetricsName);
        services.AddTransient<IChatMessenger, TeamsMessenger>();
        return services;
    }

    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false };

    private static BotOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<BotOptions>>().Value;

    private static BotCredential Credential(BotOptions o) => o.CertificatePath is { Length: > 0 } path
        ? new BotCredential.Certificate(X509CertificateLoader.LoadPkcs12FromFile(path, o.CertificatePassword))
        : new BotCredential.Secret(o.ClientSecret!);

    private sealed class BotOptionsValidator(bool development) : IValidateOptions<BotOptions>
    {
        public ValidateOptionsResult Validate(string? name, BotOptions options)
        {
            var problems = options.Problems(development).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
