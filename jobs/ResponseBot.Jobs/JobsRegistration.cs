using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Jobs.Outbox;

namespace ResponseBot.Jobs;

public static class JobsRegistration
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
