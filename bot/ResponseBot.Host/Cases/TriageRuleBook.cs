using Microsoft.Extensions.Options;
using ResponseBot.Application;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Host.Cases;

/// <summary>
/// The triage rules in use, compiled again whenever <c>Triage:*</c> changes. A change that doesn't compile is logged with
/// the rule it names and the rules in use stay as they were: a typo in the rules file must never stop triage.
/// </summary>
public sealed partial class TriageRuleBook : ITriageRules, IDisposable
{
    private readonly ReplySettings _replies;
    private readonly ILogger<TriageRuleBook> _log;
    private readonly IDisposable? _subscription;
    private volatile TriageRules _current;

    public TriageRuleBook(IOptionsMonitor<TriageOptions> options, ReplySettings replies, ILogger<TriageRuleBook> log)
    {
        (_replies, _log) = (replies, log);
        // Start validation has refused a bad set; one broken between then and now waits for the next good change.
        _current = Compile(options.CurrentValue) ?? TriageRules.Default;
        _subscription = options.OnChange(o =>
        {
            if (Compile(o) is not { } rules) return;
            _current = rules;
            RulesReloaded(rules.Count);
        });
    }

    public TriageRules Current => _current;

    /// <summary>The saved replies a rule may suggest: the configured ones and the product's own.</summary>
    public static IEnumerable<string> Templates(ReplySettings replies) => replies.Templates.Keys.Concat(DefaultRules.Templates);

    private TriageRules? Compile(TriageOptions options)
    {
        var (rules, problems) = options.Compile(Templates(_replies));
        foreach (var problem in problems) RulesRefused(problem);
        return rules;
    }

    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Triage rules reloaded: {Count} rules in use")]
    private partial void RulesReloaded(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Triage rules not reloaded, the previous rules stay in use: {Problem}")]
    private partial void RulesRefused(string problem);
}
