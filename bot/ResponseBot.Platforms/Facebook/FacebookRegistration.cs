using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Metrics;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Accounts;

namespace ResponseBot.Platforms.Facebook;

public static class FacebookRegistration
{
    /// <summary>Facebook Pages: mentions pushed to the webhook, replies and moderation through the Graph API as the Page.</summary>
    public static IServiceCollection AddFacebook(this IServiceCollection services)
    {
        // No redirects: the Page token only ever goes to the configured Graph host.
        services.AddHttpClient(GraphClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .CountThrottling(Platform.Facebook);
        services.AddSingleton<GraphClient>();
        services.AddSingleton<FacebookParents>();
        services.AddScoped<FacebookFeedChanges>();
        services.AddSingleton<IReplyPublisher, FacebookPublisher>();
        services.AddSingleton<IModerator, FacebookModerator>();
        return services;
    }
}
