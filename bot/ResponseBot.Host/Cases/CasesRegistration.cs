using Microsoft.Extensions.Options;
using ResponseBot.Application;
using ResponseBot.Application.Ports;
using ResponseBot.Cards;

namespace ResponseBot.Host.Cases;

public static class CasesRegistration
{
    /// <summary>The reply policy, saved replies and routing, validated at start; the cards the use cases render.</summary>
    public static IServiceCollection AddCasePolicy(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PolicyOptions>().Bind(config.GetSection(PolicyOptions.Section))
            .Validate(o => !PolicyOptions.Problems(o.ToPolicy()).Any(), "Policy is invalid: UndoWindow must be between 0 and 10 minutes, " +
                "AcknowledgeWithin and ApproveWithin positive, EscalationRounds between 1 and 10.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy());
        services.AddOptions<RepliesOptions>().Bind(config.GetSection(RepliesOptions.Section));
        services.AddSingleton(sp => new ReplySettings(
            new Dictionary<string, string>(sp.GetRequiredService<IOptions<RepliesOptions>>().Value.Templates, StringComparer.OrdinalIgnoreCase)));
        services.AddOptions<RoutingOptions>().Bind(config.GetSection(RoutingOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RoutingOptions>>().Value.Settings);
        services.AddSingleton<ICardRenderer, CardRenderer>();
        return services;
    }
}
