using NodaTime;
using System.Text;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Replies;

public static partial class ReplyTemplates
{
    // A Mastodon account on another instance is user@domain; Mastodon makes "@user@domain" a mention, never a link, and
    // reduced to handle characters it would name somebody else.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_]{1,30}(@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+)?$")]
    private static partial System.Text.RegularExpressions.Regex MastodonAcct();

    // A Bluesky handle is a domain name (jo.bsky.social, council.gov.uk): the handle itself, which the reply's mention facet
    // turns into a mention of that account. Stripped of its dots it would name nobody.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial System.Text.RegularExpressions.Regex BlueskyHandle();

    public const string Default =
        "Hi {author}, thanks for getting in touch. We've passed this to the team on duty and will get back to you. " +
        "If someone is in danger or a crime is happening now, call 999.";

    /// <summary>Fills a template's placeholders. The author handle is reduced to handle characters
    /// because it is attacker-chosen and ends up in a public post under our name.</summary>
    public static string Render(string template, Mention mention, Account account, string? coverUntil = null) =>
        template
            .Replace("{author}", Addressee(mention.Author, account.Platform), StringComparison.Ordinal)
            .Replace("{account}", "@" + PlatformHandle(account.Handle.TrimStart('@'), account.Platform), StringComparison.Ordinal)
            .Replace("{cover_until}", coverUntil ?? "the next working day", StringComparison.Ordinal);

    /// <summary>The account's suggested reply; for a Welsh mention its Welsh one, when the account has one.</summary>
    public static string SuggestFor(Mention mention, Account account, string? coverUntil = null, string? language = null) =>
        Render((language == Triage.Languages.Welsh ? account.SuggestedReplyCy : null) ?? account.SuggestedReply ?? Default, mention, account, coverUntil);

    /// <summary>Saved replies the product ships, offered only where a triage rule suggests them; Replies:Templates may replace them.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Triage.DefaultRules.PrivateDetailsTemplate] =
            "Hi {author}, thanks for getting in touch. Please don't share personal details here: send them to us by direct message " +
            "and we'll pick this up. If someone is in danger or a crime is happening now, call 999.",
    };

    /// <summary>A saved reply's Welsh version is configured under its name plus this ("bins-missed-cy").</summary>
    public const string WelshSuffix = "-cy";

    /// <summary>
    /// The saved reply <paramref name="name"/> in <paramref name="language"/>: its Welsh version for a Welsh mention when there is
    /// one, else the configured one, else the product's own; null when there is no such reply.
    /// </summary>
    public static string? Named(IReadOnlyDictionary<string, string> configured, string name, string? language)
    {
        if (language == Triage.Languages.Welsh && configured.TryGetValue(name + WelshSuffix, out var welsh)) return welsh;
        return configured.TryGetValue(name, out var text) ? text : BuiltIn.GetValueOrDefault(name);
    }

    /// <summary>Whether a configured name is the Welsh version of another saved reply (offered in its place, not beside it).</summary>
    public static bool IsWelshVersion(string name, IReadOnlyDictionary<string, string> configured) =>
        name.EndsWith(WelshSuffix, StringComparison.OrdinalIgnoreCase) && configured.ContainsKey(name[..^WelshSuffix.Length]);

    /// <summary>When the office team is next in: the next weekday at <paramref name="opens"/>, in words.</summary>
    public static string NextOpening(Instant now, DateTimeZone zone, LocalTime opens)
    {
        var local = now.InZone(zone).LocalDateTime;
        var day = local.Date;
        if (local.TimeOfDay >= opens) day = day.PlusDays(1);
        while (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) day = day.PlusDays(1);
        var today = local.Date;
        var when = day == today ? "today" : day == today.PlusDays(1) ? "tomorrow" : day.DayOfWeek.ToString();
        return $"{opens.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} {(when is "today" or "tomorrow" ? when : "on " + when)}";
    }

    // Facebook has no handles and a Page can't tag someone by typing their name: a reply greets them by their first name
    // (letters only, so nothing in it can be a link), as a person would.
    private static string Addressee(Author author, Platform platform)
    {
        if (platform != Platform.Facebook) return "@" + PlatformHandle(author.Handle.TrimStart('@'), platform);
        var first = new string(author.Name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?
            .TakeWhile(c => char.IsLetter(c) || c is '-' or '\'').Take(40).ToArray() ?? []);
        return first.Length > 0 ? first : "there";
    }

    // The platform's own handle syntax where the platform makes it a mention, never a link; otherwise handle characters only.
    private static string PlatformHandle(string handle, Platform platform) => platform switch
    {
        Platform.Mastodon when MastodonAcct().IsMatch(handle) => handle,
        Platform.Bluesky when handle.Length <= 253 && BlueskyHandle().IsMatch(handle) => handle,
        _ => SafeHandle(handle),
    };

    internal static string SafeHandle(string handle)
    {
        var sb = new StringBuilder();
        foreach (var ch in handle.TrimStart('@'))
        {
            if (sb.Length == 64) break;
            if (char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-') sb.Append(ch);
        }
        if (sb.Length == 0) return "there";
        // A handle chosen to look like a domain (www.x.y, evil.example.com) must not become a link under our name.
        var safe = sb.ToString();
        return Triage.Flags.ContainsLink(safe) ? safe.Replace(".", "", StringComparison.Ordinal) : safe;
    }
}
