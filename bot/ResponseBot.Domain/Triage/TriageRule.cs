namespace ResponseBot.Domain.Triage;

/// <summary>
/// One triage rule as an operator writes it: what to look for (words, phrases, patterns, built-in detectors — any one
/// matching is enough) and what a match means (a flag, a tag, a priority, someone to route to, a suggested reply).
/// </summary>
public sealed record TriageRule(string Name)
{
    /// <summary>Whole words; a trailing * also matches longer words starting with it ("suicid*").</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
    /// <summary>Words in sequence ("press enquiry"), matched as a whole like a word.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];
    /// <summary>Regular expressions over the normalised text, which is lower case; matched on word boundaries.</summary>
    public IReadOnlyList<string> Patterns { get; init; } = [];
    /// <summary>Built-in detectors by name (<see cref="Detectors.Names"/>).</summary>
    public IReadOnlyList<string> Detectors { get; init; } = [];

    /// <summary>One of the categories the product knows (<see cref="Flags.Categories"/>).</summary>
    public string? Flag { get; init; }
    /// <summary>The organisation's own label (bins, highways, asb), shown on the card.</summary>
    public string? Tag { get; init; }
    /// <summary>"normal" or "urgent" (answered within the emergency response time).</summary>
    public string? Priority { get; init; }
    /// <summary>A rota layer whose holder also gets the card ("primary", "secondary", "manager"), or "channel:&lt;conversation id&gt;".</summary>
    public string? Route { get; init; }
    /// <summary>The saved reply (Replies:Templates name) suggested for the mention.</summary>
    public string? Template { get; init; }
}

/// <summary>What is wrong with a rule, for the operator: the rule named, then the problem.</summary>
public sealed record RuleProblem(string Rule, string Message);

public enum TriagePriority
{
    Normal,
    /// <summary>Answered within the emergency response time.</summary>
    Urgent,
}
