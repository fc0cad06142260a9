using ResponseBot.Domain.Triage;

namespace ResponseBot.Host.Cases;

/// <summary>
/// <c>Triage:*</c> — the organisation's triage rules over the shipped ones, journalists' accounts, and what makes a mention
/// Welsh. Read again whenever configuration changes (a rules file, appsettings.json), without a restart.
/// </summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>A JSON file of more settings in this section ({"Triage": {"Rules": …}}), watched for changes.</summary>
    public string? RulesFile { get; set; }

    /// <summary>Start from the product's rules (<see cref="Domain.Triage.DefaultRules"/>); off, only the rules configured here apply.</summary>
    public bool DefaultRules { get; set; } = true;

    /// <summary>Rules by name; a shipped rule's name replaces it.</summary>
    public Dictionary<string, TriageRuleOptions> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Journalists' handles, by one of our account ids or a platform ("X", "Bluesky", …), or "*" for every account.</summary>
    public Dictionary<string, string[]> MediaAccounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int WelshMinWords { get; set; } = TriageSettings.Default.WelshMinWords;
    public double WelshMinShare { get; set; } = TriageSettings.Default.WelshMinShare;

    /// <summary>The rule set these options describe, or every problem with it (each naming its setting).</summary>
    public (TriageRules? Rules, IReadOnlyList<string> Problems) Compile(IEnumerable<string> templates)
    {
        var rules = (DefaultRules ? Domain.Triage.DefaultRules.All : []).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, rule) in Rules)
        {
            if (rule.Enabled) rules[name] = rule.ToRule(name);
            else rules.Remove(name);
        }
        var settings = new TriageSettings
        {
            MediaAccounts = MediaAccounts.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.OrdinalIgnoreCase),
            WelshMinWords = WelshMinWords, WelshMinShare = WelshMinShare,
        };
        var (compiled, problems) = TriageRules.Compile(rules.Values, settings, templates);
        return (compiled, problems.Select(p => p.Rule == "*" ? $"{Section}:{p.Message}" : $"{Section}:Rules:{p.Rule}: {p.Message}").ToList());
    }
}

/// <summary><c>Triage:Rules:&lt;name&gt;:*</c> — one rule: what to look for, and what a match means.</summary>
public sealed class TriageRuleOptions
{
    public bool Enabled { get; set; } = true;
    public string[] Words { get; set; } = [];
    public string[] Phrases { get; set; } = [];
    public string[] Patterns { get; set; } = [];
    public string[] Detectors { get; set; } = [];
    public string? Flag { get; set; }
    public string? Tag { get; set; }
    public string? Priority { get; set; }
    public string? Route { get; set; }
    public string? Template { get; set; }

    public TriageRule ToRule(string name) => new(name)
    {
        Words = Words, Phrases = Phrases, Patterns = Patterns, Detectors = Detectors,
        Flag = Blank(Flag), Tag = Blank(Tag), Priority = Blank(Priority), Route = Blank(Route), Template = Blank(Template),
    };

    // An environment variable set to "" means unset, as it does for every other setting.
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
