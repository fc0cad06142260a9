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
        services.AddSingleton<ResponseBot.Domain.Rota.IRotaSource, RotaSource>();
        services.AddOptions<RotaOptions>().Bind(config.GetSection(RotaOptions.Section))
            .Validate(r => !r.Problems().Any(), "Rota configuration is invalid (see `rota who` for the details).").ValidateOnStart();
        services.AddOptions<RolesOptions>().Bind(config.GetSection(RolesOptions.Section));
        services.AddOptions<RepliesOptions>().Bind(config.GetSection(RepliesOptions.Section));
        services.AddOptions<PolicyOptions>().Bind(config.GetSection(PolicyOptions.Section))
            .Validate(p => p.UndoWindow >= TimeSpan.Zero && p.UndoWindow <= TimeSpan.FromMinutes(10), "Policy:UndoWindow must be between 0 and 10 minutes.")
            .Validate(p => p.AcknowledgeWithin > TimeSpan.Zero && p.ApproveWithin > TimeSpan.Zero && p.EscalationRounds is >= 1 and <= 10,
                "Policy:AcknowledgeWithin and ApproveWithin must be positive, EscalationRounds between 1 and 10.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PolicyOptions>>().Value.ToPolicy());
        services.AddSingleton<ResponseBot.Domain.Rota.DutyRoster>();
        services.AddScoped<CaseViews>();
        services.AddScoped<MentionRouting>();
        services.AddScoped<ResponseBot.Domain.Cases.IMentionRouting>(sp => sp.GetRequiredService<MentionRouting>());
        services.AddScoped<IChatInteractionHandler, BotInteractions>();
        services.AddTransient<IOutboxHandler, CaseCardHandler>();
        services.AddTransient<IOutboxHandler, CaseCardUpdateHandler>();
        services.AddTransient<TextMessageHandler>();
        services.AddTransient<IOutboxHandler>(sp => sp.GetRequiredService<TextMessageHandler>());
        services.AddTransient<IOutboxHandler, CardMessageHandler>();
        services.AddScoped<RotaViews>();
        services.AddScoped<RotaInteractions>();
        services.AddScoped<SwapInteractions>();
        services.AddScoped<StaffCommandRunner>();
        return services;
    }
}
