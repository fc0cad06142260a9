using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Triage;

/// <summary>What is wrong with one rule, each problem in words an operator can act on.</summary>
internal static partial class TriageRuleCheck
{
    public static IEnumerable<string> Problems(TriageRule rule, IReadOnlySet<string> templates)
    {
        if (rule.Words.Count + rule.Phrases.Count + rule.Patterns.Count + rule.Detectors.Count == 0)
            yield return "has nothing to match: set Words, Phrases, Patterns or Detectors.";
        if (rule.Flag is null && rule.Tag is null && rule.Priority is null && rule.Route is null && rule.Template is null)
            yield return "does nothing when it matches: set Flag, Tag, Priority, Route or Template.";
        foreach (var (term, i) in rule.Words.Select((t, i) => (t, i)))
            if (TriageText.Normalise(term).TrimEnd('*') is var w && (w.Length == 0 || w.Contains(' ')))
                yield return $"Words:{i} must be one word (\"{term}\"); put several words in Phrases.";
        foreach (var (term, i) in rule.Phrases.Select((t, i) => (t, i)))
            if (TriageText.Normalise(term).TrimEnd('*').Length == 0) yield return $"Phrases:{i} is empty.";
        foreach (var (pattern, i) in rule.Patterns.Select((t, i) => (t, i)))
            if (PatternProblem(pattern) is { } problem) yield return $"Patterns:{i} is not a valid pattern: {problem}";
        foreach (var detector in rule.Detectors.Where(d => !Detectors.Names.Contains(d)))
            yield return $"Detectors: \"{detector}\" is not a detector ({string.Join(", ", Detectors.Names)}).";
        if (rule.Flag is { } flag && !Flags.Categories.Contains(flag, StringComparer.OrdinalIgnoreCase))
            yield return $"Flag: \"{flag}\" is not a category ({string.Join(", ", Flags.Categories)}); use Tag for the organisation's own.";
        if (rule.Tag is { } tag && !TagShape().IsMatch(tag.Trim()))
            yield return $"Tag: \"{tag}\" must be 1–40 letters, digits, spaces or dashes.";
        if (rule.Priority is { } priority && TriageRules.Named<TriagePriority>(priority) is null)
            yield return $"Priority: \"{priority}\" is not a priority (normal, urgent).";
        if (rule.Route is { } route && !TriageRules.Route.IsValid(route))
            yield return $"Route: \"{route}\" is not a rota layer (primary, secondary, manager) or channel:<conversation id>.";
        if (rule.Template is { } template && !templates.Contains(template))
            yield return $"Template: \"{template}\" is not a saved reply (Replies:Templates:{template}).";
    }

    private static string? PatternProblem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "it is empty.";
        try
        {
            var regex = TriageText.Compile(pattern);
            // A pattern that matches empty text would match every mention.
            return TriageText.IsMatch(regex, "") ? "it matches empty text, so it would match every mention." : null;
        }
        catch (ArgumentException e) { return e.Message; }
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$")]
    private static partial Regex TagShape();
}
