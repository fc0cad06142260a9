namespace ResponseBot.Host.Demo;

public static class DemoRegistration
{
    /// <summary>The demo's reply receiver and sample feed: Development only, and a production host with either on won't start.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        services.AddOptions<DemoOptions>().Bind(config.GetSection(DemoOptions.Section))
            .Validate(o => environment.IsDevelopment() || !(o.ReplyReceiver || o.Feed),
                "Demo:ReplyReceiver and Demo:Feed are for the local demo (Development) only.")
            .Validate(o => o.FeedInterval >= TimeSpan.FromMilliseconds(100) && o.FeedFirstDelay >= TimeSpan.Zero,
                "Demo:FeedInterval must be at least 100 ms and Demo:FeedFirstDelay not negative.")
            .ValidateOnStart();
        if (environment.IsDevelopment() && config.GetSection(DemoOptions.Section).GetValue<bool>(nameof(DemoOptions.Feed)))
        {
            services.AddHttpClient(nameof(DemoFeed));
            services.AddHostedService<DemoFeed>();
        }
        return services;
    }
}
