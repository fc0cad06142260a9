using Microsoft.Extensions.Options;
using ResponseBot.Platforms;

namespace ResponseBot.Host.Cases;

/// <summary>
/// Configured pre-election periods name real accounts. The ids are read from configuration itself, not the validated accounts:
/// a broken account is reported once, by its own validation, rather than again through this one.
/// </summary>
public sealed class ElectionPeriodsValidator(IConfiguration config) : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options) =>
        options.PeriodProblem(config.GetSection(AccountsOptions.Section).GetChildren().Select(c => c.Key).ToList()) is { } problem
            ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
