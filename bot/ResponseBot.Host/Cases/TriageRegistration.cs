using Microsoft.Extensions.Options;
using ResponseBot.Application;
using ResponseBot.Application.Ports;

namespace ResponseBot.Host.Cases;

public static class TriageRegistration
{
    private const string AtStart = "AtStart";

    /// <summary>
    /// The triage rules: followed as configuration changes, and checked once at start under their own name. Only that
    /// named copy is validated — a validator on the live options would throw inside the configuration reload itself,
    /// where a bad edit must be logged and survived instead.
    /// </summary>
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(TriageOptions.Section);
        services.AddOptions<TriageOptions>().Bind(section);
        services.AddOptions<TriageOptions>(AtStart).Configure(o => section.Bind(o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, StartValidator>();
        services.AddSingleton<TriageRuleBook>();
        services.AddSingleton<ITriageRules>(sp => sp.GetRequiredService<TriageRuleBook>());
        return services;
    }

    /// <summary>The rules file, if one is set, as a configuration source over every other: watched, so an edit applies at once.</summary>
    public static void AddTriageRulesFile(this IConfigurationManager config)
    {
        if (config["Triage:RulesFile"] is { Length: > 0 } path)
            config.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: true);
    }

    private sealed class StartValidator(ReplySettings replies) : IValidateOptions<TriageOptions>
    {
        public ValidateOptionsResult Validate(string? name, TriageOptions options)
        {
            if (name != AtStart) return ValidateOptionsResult.Skip;
            var problems = options.Compile(TriageRuleBook.Templates(replies)).Problems;
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
