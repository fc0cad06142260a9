using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResponseBot.Domain.Chat;
using ResponseBot.Teams.Inbound;
using ResponseBot.Teams.Outbound;

namespace ResponseBot.Teams;

public static class TeamsRegistration
{
    /// <summary>Everything the Teams channel needs. Swapping in the official SDK means replacing this call.</summary>
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection(BotOptions.Section);
        var mode = section.GetValue(nameof(BotOptions.Authentication), BotAuthenticationMode.BotFramework);
        services.AddOptions<BotOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => o.Authentication != BotAuthenticationMode.None || env.IsDevelopment(),
                "Bot:Authentication=None turns off authentication and is only allowed in the Development environment.")
            .Validate(o => o.Authentication != BotAuthenticationMode.BotFramework,
                "Bot:Authentication=BotFramework (JWT validation and connector tokens) is not available in this build; " +
                "only the local Agents Playground mode (Bot:Authentication=None, Development) can run.")
            .ValidateOnStart();

        services.AddSingleton<IInboundAuthenticator, NoInboundAuthentication>();
        services.AddSingleton<IConnectorTokenProvider, AnonymousConnectorTokens>();
        services.AddSingleton(new ServiceUrlPolicy([], allowLoopback: mode == BotAuthenticationMode.None));
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddTransient<IChatMessenger, TeamsMessenger>();
        return services;
    }
}
