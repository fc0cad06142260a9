using Microsoft.Extensions.Options;
using ResponseBot.Application.Ports;

namespace ResponseBot.Host.Cases;

/// <summary>Configured pre-election periods are checked at start against the configured accounts: a misspelt account id would
/// otherwise leave that account outside the period, silently, for the whole election.</summary>
public sealed class ElectionPeriodsValidator(IAccountDirectory accounts) : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options) =>
        options.PeriodProblem(accounts.Ids) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
