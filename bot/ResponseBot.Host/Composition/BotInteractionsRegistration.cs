using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Host.Bot;
using ResponseBot.Host.Delivery;

namespace ResponseBot.Host.Composition;

public static class BotInteractionsRegistration
{
    public static IServiceCollection AddBotInteractions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<OrganisationOptions>().Bind(config.GetSection(OrganisationOptions.Section))
            .Validate(o => o.IsValid(), "Organisation:TimeZone is not a known IANA time zone.").ValidateOnStart();
        services.AddOptions<RoutingOptions>().Bind(config.GetSection(RoutingOptions.Section));
        services.AddSingleton<CaseCardRenderer>();
        services.AddScoped<IChatInteractionHandler, BotInteractions>();
        services.AddTransient<IOutboxHandler, CaseCardHandler>();
        services.AddTransient<IOutboxHandler, CaseCardUpdateHandler>();
        services.AddTransient<IOutboxHandler, TextMessageHandler>();
        return services;
    }
}
