using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Metrics;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Accounts;

namespace ResponseBot.Platforms.X;

public static class XRegistration
{
    /// <summary>X: OAuth 2.0 tokens per account, kept protected; mentions polled, replies posted and replies hidden as the account.</summary>
    public static IServiceCollection AddX(this IServiceCollection services)
    {
        services.AddHttpClient(XClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .CountThrottling(Platform.X);
        services.AddSingleton<XClient>();
        services.AddSingleton<XTokens>();
        services.AddSingleton<IMentionSource, XMentionSource>();
        services.AddSingleton<IReplyPublisher, XPublisher>();
        services.AddSingleton<IModerator, XModerator>();
        return services;
    }
}
