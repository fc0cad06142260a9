using System.Text.RegularExpressions;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Triage;

/// <summary>
/// A checked, compiled set of triage rules. Built only through <see cref="Compile"/>, which names every rule it refuses,
/// so a set in use is always one that made sense as a whole.
/// </summary>
public sealed class TriageRules
{
    private sealed record Compiled(TriageRule Rule, Regex? Text, TriagePriority Priority);

    private readonly IReadOnlyList<Compiled> _rules;
    private readonly TriageSettings _settings;

    private TriageRules(IReadOnlyList<Compiled> rules, TriageSettings settings) => (_rules, _settings) = (rules, settings);

    /// <summary>The rules the product ships with (<see cref="DefaultRules"/>) and no media accounts.</summary>
    public static TriageRules Default { get; } = Compile(DefaultRules.All, TriageSettings.Default, DefaultRules.Templates).Rules!;

    public int Count => _rules.Count;

    /// <param name="templates">The saved replies a rule may suggest.</param>
    public static (TriageRules? Rules, IReadOnlyList<RuleProblem> Problems) Compile(IEnumerable<TriageRule> rules, TriageSettings settings,
        IEnumerable<string> templates)
    {
        var known = templates.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<RuleProblem>();
        var compiled = new List<Compiled>();
        if (settings.WelshMinWords < 1) problems.Add(new("*", "WelshMinWords must be at least 1."));
        if (settings.WelshMinShare is < 0 or > 1) problems.Add(new("*", "WelshMinShare must be between 0 and 1."));
        // Name order, so which rule's reply is suggested doesn't depend on where a setting came from.
        foreach (var rule in rules.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase))
        {
            var found = TriageRuleCheck.Problems(rule, known).Select(p => new RuleProblem(rule.Name, p)).ToList();
            problems.AddRange(found);
            if (found.Count == 0)
                compiled.Add(new Compiled(rule, TextPattern(rule), rule.Priority is { } p ? Named<TriagePriority>(p)!.Value : TriagePriority.Normal));
        }
        return problems.Count == 0 ? (new TriageRules(compiled, settings), []) : (null, problems);
    }

    public TriageOutcome Evaluate(string text) => Evaluate(new TriageInput(text));

    public TriageOutcome Evaluate(Mention mention, string? platformName) =>
        Evaluate(new TriageInput(mention.Text, mention.Author.Handle, mention.AccountId, platformName));

    public TriageOutcome Evaluate(TriageInput input)
    {
        var normalised = input with { Text = TriageText.Normalise(input.Text) };
        var matched = _rules.Where(r => (r.Text is not null && TriageText.IsMatch(r.Text, normalised.Text))
                                        || r.Rule.Detectors.Any(d => Detectors.Finds(d, normalised, _settings))).ToList();
        var flags = Flags.Categories.Where(f => matched.Any(r => string.Equals(r.Rule.Flag, f, StringComparison.OrdinalIgnoreCase))).ToList();
        if (Flags.ContainsLink(input.Text)) flags.Add(Flags.Link);
        // The most urgent matching rule's reply: an emergency's advice wins over a request to send details privately.
        var template = matched.Where(r => r.Rule.Template is not null).OrderByDescending(r => r.Priority).FirstOrDefault()?.Rule.Template;
        return new TriageOutcome(
            flags,
            matched.Select(r => r.Rule.Tag).OfType<string>().Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList(),
            matched.Count == 0 ? TriagePriority.Normal : matched.Max(r => r.Priority),
            matched.Select(r => r.Rule.Route).OfType<string>().Select(Route.Normalise).Distinct().ToList(),
            template,
            Languages.Of(normalised.Text, _settings.WelshMinWords, _settings.WelshMinShare),
            matched.Select(r => r.Rule.Name).ToList());
    }

    private static Regex? TextPattern(TriageRule rule)
    {
        var parts = rule.Words.Concat(rule.Phrases).Select(t => TriageText.Bounded(TriageText.TermPattern(t), char.IsAsciiDigit(t.Trim()[0])))
            .Concat(rule.Patterns.Select(p => TriageText.Bounded(p, numeric: false))).ToList();
        return parts.Count == 0 ? null : TriageText.Compile(string.Join("|", parts));
    }

    /// <summary>Where a rule sends a case: a rota layer, or a team channel as a recipient.</summary>
    public static class Route
    {
        public static string Normalise(string route) =>
            route.StartsWith(Chat.TeamChannel.RecipientPrefix, StringComparison.OrdinalIgnoreCase)
                ? Chat.TeamChannel.RecipientPrefix + route[Chat.TeamChannel.RecipientPrefix.Length..].Trim()
                : route.Trim().ToLowerInvariant();

        public static bool IsValid(string route) =>
            Layer(route) is not null || (Chat.TeamChannel.ConversationOf(Normalise(route)) is { Length: > 0 });

        public static Layer? Layer(string route) => Named<Layer>(route);
    }

    /// <summary>An enum value by its name only: Enum.TryParse would also take "1" or "primary, secondary".</summary>
    internal static T? Named<T>(string name) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => string.Equals(v.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
