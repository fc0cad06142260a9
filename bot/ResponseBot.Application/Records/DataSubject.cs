using ResponseBot.Application.Ports;
using ResponseBot.Domain.Accounts;

namespace ResponseBot.Application.Records;

/// <summary>
/// A member of the public named as <c>platform:handle</c> (or <c>account-id:handle</c>, or <c>*:handle</c> for every account):
/// the accounts whose cases can be theirs. Handles are unique per platform, not across them.
/// </summary>
public sealed record DataSubject(string Scope, string Handle, IReadOnlyList<string> AccountIds)
{
    public override string ToString() => $"{Scope}:{Handle}";

    public static (DataSubject? Subject, string? Error) Parse(string? text, IAccountDirectory accounts)
    {
        var colon = text?.IndexOf(':') ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
            return (null, "Name the person as platform:handle, e.g. bluesky:someone.bsky.social or x:someone.");
        var (scope, handle) = (text[..colon].Trim(), text[(colon + 1)..].Trim().TrimStart('@'));
        if (handle.Length == 0 || handle.Length > 200) return (null, "Give the person's handle after the colon.");
        IReadOnlyList<string> ids = scope == "*" ? accounts.Ids
            : accounts.Find(scope) is not null ? [scope]
            : Enum.TryParse<Platform>(scope, ignoreCase: true, out var platform) && Enum.IsDefined(platform)
                ? accounts.Ids.Where(id => accounts.Find(id)?.Platform == platform).ToList()
                : [];
        return ids.Count == 0 ? (null, $"No configured account is on '{scope}': use a platform (x, facebook, bluesky, mastodon, generic), an account id or *.")
            : (new DataSubject(scope.ToLowerInvariant(), handle, ids), null);
    }
}
