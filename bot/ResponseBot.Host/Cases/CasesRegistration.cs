using NodaTime;
using Microsoft.Extensions.Options;
using ResponseBot.Application;
using ResponseBot.Application.Ports;
using ResponseBot.Cards;

namespace ResponseBot.Host.Cases;

public static class CasesRegistration
{
    /// <summary>The reply policy, saved replies and routing, validated at start; the cards the use cases render.</summary>
    public static IServiceCollection AddCasePolicy(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddOptions<PolicyOptions>().Bind(config.GetSection(PolicyOptions.Section))
            .Validate(o => o.ToPolicy() is { UndoWindow: var u } && u >= Duration.Zero && u <= Duration.FromMinutes(10), "Policy:UndoWindow must be between 0 and 10 minutes.")
            .Validate(o => o.ToPolicy() is var p && p.AcknowledgeWithin > Duration.Zero && p.ApproveWithin > Duration.Zero && p.EscalationRounds is >= 1 and <= 10,
                "Policy:AcknowledgeWithin and ApproveWithin must be positive, EscalationRounds between 1 and 10.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyOptions>, ElectionPeriodsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy());
        services.AddOptions<RepliesOptions>().Bind(config.GetSection(RepliesOptions.Section));
        services.AddSingleton(sp => new ReplySettings(
            new Dictionary<string, string>(sp.GetRequiredService<IOptions<RepliesOptions>>().Value.Templates, StringComparer.OrdinalIgnoreCase)));
        services.AddOptions<RoutingOptions>().Bind(config.GetSection(RoutingOptions.Section))
            .Validate(o => o.IsAllowed(env.IsDevelopment()), "Routing:TeamChannel=auto is for development only: set the channel's conversation id (and Routing:TeamId).")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RoutingOptions>>().Value.Settings);
        services.AddOptions<IntakeOptions>().Bind(config.GetSection(IntakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new IntakeSettings(sp.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxQueued));
        services.AddSingleton<ICardRenderer, CardRenderer>();
        return services;
    }
}
