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
        if (ContainsLink(text)) flags.Add(Link);
        return flags;
    }

    public static bool ContainsLink(string text) => LinksIn(text).Count > 0;

    /// <summary>
    /// The links in <paramref name="text"/> as the platforms find them — with a scheme, from "www.", or a bare domain with a
    /// real top-level domain (evil-example.com/login, bit.ly/x) — each written one way (no scheme or "www.", lower-case host).
    /// </summary>
    public static IReadOnlySet<string> LinksIn(string text)
    {
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Links().Matches(text))
        {
            var host = m.Groups["host"].Value.ToLowerInvariant();
            var tld = host[(host.LastIndexOf('.') + 1)..];
            if (m.Groups["scheme"].Success || host.StartsWith("www.", StringComparison.Ordinal) || TopLevelDomains.Contains(tld))
                links.Add(host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] + m.Groups["path"].Value.TrimEnd('.', ',', ')', '!', '?')
                    : host + m.Groups["path"].Value.TrimEnd('.', ',', ')', '!', '?'));
        }
        return links;
    }

    // Generic domains in everyday use and every two-letter country code: enough to catch what a platform would make clickable.
    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.Ordinal)
    {
        "com", "org", "net", "gov", "edu", "info", "biz", "io", "app", "dev", "xyz", "online", "site", "link", "click", "top", "shop",
        "club", "live", "news", "social", "page", "blog", "tech", "website", "store", "cloud", "email", "support", "services", "world",
    };

    static Flags()
    {
        for (var a = 'a'; a <= 'z'; a++)
        for (var b = 'a'; b <= 'z'; b++)
            TopLevelDomains.Add($"{a}{b}");
    }

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

    [GeneratedRegex(@"(?<scheme>https?://)?(?<host>\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?<path>[/?#]\S*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
