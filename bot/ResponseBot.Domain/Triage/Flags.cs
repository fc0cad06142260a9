using System.Text.RegularExpressions;

namespace ResponseBot.Domain.Triage;

/// <summary>
/// The categories triage flags a mention with, and links. Which words raise which flag is data (<see cref="TriageRules"/>,
/// shipped as <see cref="DefaultRules"/>); a flag only ever adds caution (a reply needs approval, or the response time shortens).
/// </summary>
public static partial class Flags
{
    public const string Emergency = "emergency";
    public const string PersonalData = "personal-data";
    public const string Political = "political";
    public const string Media = "media";
    public const string Abuse = "abuse";
    public const string Complaint = "complaint";
    public const string Link = "link";

    /// <summary>The categories a rule may flag, in the order cards list them. "link" is not one: it is found, not configured.</summary>
    public static readonly IReadOnlyList<string> Categories = [Emergency, PersonalData, Political, Media, Abuse, Complaint];

    /// <summary>The flags the shipped rules give <paramref name="text"/> (no organisation rules, no media accounts).</summary>
    public static IReadOnlyList<string> For(string text) => TriageRules.Default.Evaluate(text).Flags;

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

    [GeneratedRegex(@"(?<scheme>https?://)?(?<host>\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?<path>[/?#]\S*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
