using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Metrics;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Accounts;
using ResponseBot.Platforms.Facebook;
using ResponseBot.Platforms.Generic;
using ResponseBot.Platforms.X;

namespace ResponseBot.Platforms;

public static class PlatformsRegistration
{
    public static IServiceCollection AddPlatforms(this IServiceCollection services, IConfiguration config, bool development)
    {
        services.AddOptions<AccountsOptions>().Bind(config.GetSection(AccountsOptions.Section))
            .Validate(a => a.Count > 0, "No accounts are configured (Accounts:<id>:Platform, :Handle, ...).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>>(new AccountsValidator(development));
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<AccountDirectory>());
        // No redirects: a 3xx is a failure on the card, never a body-less GET to wherever it points.
        services.AddHttpClient<IReplyPublisher, GenericWebhookPublisher>(c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .CountThrottling(Platform.Generic);
        // Bluesky: one session per account for the life of the process; mentions polled, replies posted through the outbox.
        services.AddHttpClient(Bluesky.XrpcClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .CountThrottling(Platform.Bluesky);
        services.AddSingleton<Bluesky.XrpcClient>();
        services.AddSingleton<Bluesky.BlueskySessions>();
        services.AddSingleton<IMentionSource, Bluesky.BlueskyMentionSource>();
        services.AddSingleton<IReplyPublisher, Bluesky.BlueskyPublisher>();
        // Mastodon: one user token per account; mentions polled, replies posted through the outbox.
        services.AddHttpClient(Mastodon.MastodonClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .CountThrottling(Platform.Mastodon);
        services.AddSingleton<Mastodon.MastodonClient>();
        services.AddSingleton<IMentionSource, Mastodon.MastodonMentionSource>();
        services.AddSingleton<IReplyPublisher, Mastodon.MastodonPublisher>();
        services.AddFacebook();
        services.AddX();
        return services;
    }

    private sealed class AccountsValidator(bool development) : IValidateOptions<AccountsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AccountsOptions options)
        {
            var problems = options.SelectMany(a => a.Value.Problems(a.Key, development)).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
