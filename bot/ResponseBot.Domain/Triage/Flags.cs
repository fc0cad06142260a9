using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Triage;

/// <summary>
/// A first, deliberately simple reading of a mention for risk: word lists and patterns, no scoring.
/// It only ever adds caution (a flag makes a reply need approval, or shortens the response time); the
/// fuller triage rules replace it without changing how flags are used.
/// </summary>
public static partial class Flags
{
    public const string Emergency = "emergency";
    public const string PersonalData = "personal-data";
    public const string Political = "political";
    public const string Media = "media";
    public const string Abuse = "abuse";
    public const string Link = "link";

    public static IReadOnlyList<string> For(string text)
    {
        var flags = new List<string>();
        if (EmergencyWords().IsMatch(text)) flags.Add(Emergency);
        if (Email().IsMatch(text) || UkPhone().IsMatch(text)) flags.Add(PersonalData);
        if (PoliticalWords().IsMatch(text)) flags.Add(Political);
        if (MediaWords().IsMatch(text)) flags.Add(Media);
        if (AbuseWords().IsMatch(text)) flags.Add(Abuse);
        if (Links().IsMatch(text)) flags.Add(Link);
        return flags;
    }

    public static bool ContainsLink(string text) => Links().IsMatch(text);

    [GeneratedRegex(@"\b(999|help me|stabbed|stabbing|knife|gun|attack(ed|ing)?|assault(ed)?|kill (myself|me)|suicid\w*|overdose|being followed|break(ing)? in|broken into|fire|missing (child|person)|crime in progress|domestic abuse)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmergencyWords();

    [GeneratedRegex(@"[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    [GeneratedRegex(@"(\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b")]
    private static partial Regex UkPhone();

    [GeneratedRegex(@"\b(election|elections|vote|voting|councillors?|mp|mps|parliament|labour|conservatives?|tory|tories|lib ?dems?|reform uk|green party|snp|plaid|manifesto|referendum)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PoliticalWords();

    [GeneratedRegex(@"\b(journalist|reporter|press (office|enquiry|inquiry)|media enquiry|for comment|newsroom|editor|broadcast)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MediaWords();

    [GeneratedRegex(@"\b(f+u+c+k\w*|shit\w*|bastard\w*|wank\w*|cunt\w*|twat\w*|dickhead\w*|scum)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AbuseWords();

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
