using ResponseBot.Domain.Accounts;

namespace ResponseBot.Platforms;

/// <summary>One organisation account, bound from <c>Accounts:&lt;id&gt;:*</c>.</summary>
public sealed class AccountOptions
{
    public Platform Platform { get; set; } = Platform.Generic;

    /// <summary>The public handle replies are posted as, shown on every card.</summary>
    public string Handle { get; set; } = "";

    /// <summary>Bluesky: the account's PDS (its own server), default https://bsky.social/. Mastodon: the instance (required).
    /// Facebook: the Graph API, default https://graph.facebook.com/. X: the API, default https://api.x.com/.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Bluesky: an app password for the account (Settings → App passwords), never the account's own password.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Mastodon: a user token with read:notifications, read:statuses and write:statuses. Never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Facebook: the Page's id (entry[].id in its webhooks).</summary>
    public string? PageId { get; set; }

    /// <summary>Facebook: a Page access token with pages_manage_engagement, pages_read_user_content and pages_manage_metadata. Never logged.</summary>
    public string? PageAccessToken { get; set; }

    /// <summary>Facebook: the app secret its webhooks are signed with (X-Hub-Signature-256). Never logged.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Facebook: the verify token given when subscribing the webhook (echoed in the GET handshake). Never logged.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Facebook: the Graph API version calls are made to.</summary>
    public string GraphVersion { get; set; } = "v24.0";

    /// <summary>X: the account's numeric user id (mentions are read from /2/users/{id}/mentions).</summary>
    public string? UserId { get; set; }

    /// <summary>X: the OAuth 2.0 app's client id, and its secret for a confidential client. The secret is never logged.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>X: the refresh token from authorising the account (offline.access); after the first refresh, the rotated one
    /// is kept encrypted in the database and this is no longer used. Never logged.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>How long the account may go without a mention before the rota is told it has gone quiet; unset: never.</summary>
    public TimeSpan? SilentAfter { get; set; }

    /// <summary>The server a platform's calls go to, always ending in "/" so API paths resolve under it.</summary>
    public Uri EffectiveServiceUrl() =>
        new((ServiceUrl ?? new Uri(Platform switch
        {
            Platform.Facebook => "https://graph.facebook.com/",
            Platform.X => "https://api.x.com/",
            _ => "https://bsky.social/",
        })).AbsoluteUri.TrimEnd('/') + "/");

    /// <summary>What a generic (webhook) integration is called on cards, e.g. "Community Forum"; platforms use their own name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Shared secret for signed webhooks in and out. Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where a generic account's approved replies are POSTed.</summary>
    public Uri? ReplyUrl { get; set; }

    /// <summary>Template for the suggested reply; placeholders {author}, {account} and {cover_until}.</summary>
    public string? SuggestedReply { get; set; }

    /// <summary>The suggested reply for a mention written in Welsh; unset, Welsh mentions get <see cref="SuggestedReply"/>.</summary>
    public string? SuggestedReplyCy { get; set; }

    /// <summary>Media or other sensitive accounts: every reply needs a manager's approval.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>Off, Gaps (nobody on call) or OutOfHours (every mention out of hours): an automatic holding reply.</summary>
    public Domain.Replies.HoldingReplyMode HoldingReply { get; set; }

    /// <summary>The holding reply; placeholders {author}, {account} and {next_cover}. Defaults to one with the 999/101 advice.</summary>
    public string? HoldingReplyText { get; set; }

    /// <summary>The holding reply for a mention written in Welsh; unset, Welsh mentions get <see cref="HoldingReplyText"/>.</summary>
    public string? HoldingReplyTextCy { get; set; }

    /// <summary>Hosts whose links may be buttons on cards; defaults to the platform's own.</summary>
    public string[]? LinkHosts { get; set; }

    public IReadOnlyList<string> EffectiveLinkHosts() => LinkHosts ?? Platform switch
    {
        Platform.X => ["x.com", "twitter.com"],
        Platform.Facebook => ["facebook.com"],
        Platform.Bluesky => ["bsky.app"],
        Platform.Mastodon => ServiceUrl is { IsAbsoluteUri: true } s ? [s.Host] : [],
        _ => ReplyUrl is { } u ? [u.Host] : [],
    };

    /// <param name="development">Plain http reply URLs (the demo receiver, test fakes) only when developing.</param>
    public IEnumerable<string> Problems(string id, bool development = false)
    {
        if (string.IsNullOrWhiteSpace(Handle)) yield return $"Accounts:{id}:Handle is required.";
        if (SilentAfter is { } silent && silent <= TimeSpan.Zero) yield return $"Accounts:{id}:SilentAfter must be positive.";
        if (Platform is Platform.Facebook or Platform.X && ServiceUrl is { } api && BadService(api, development)) yield return ServiceProblem(id, development);
        if (Platform == Platform.Facebook)
        {
            if (string.IsNullOrWhiteSpace(PageId)) yield return $"Accounts:{id}:PageId is required for a Facebook account.";
            if (string.IsNullOrWhiteSpace(PageAccessToken)) yield return $"Accounts:{id}:PageAccessToken is required for a Facebook account.";
            if (string.IsNullOrWhiteSpace(AppSecret)) yield return $"Accounts:{id}:AppSecret is required for a Facebook account.";
            if ((VerifyToken?.Length ?? 0) < 16) yield return $"Accounts:{id}:VerifyToken must be at least 16 characters.";
            if (!System.Text.RegularExpressions.Regex.IsMatch(GraphVersion, @"^v\d+\.\d+$")) yield return $"Accounts:{id}:GraphVersion must look like v24.0.";
        }
        if (Platform == Platform.X)
        {
            if (string.IsNullOrWhiteSpace(UserId) || !UserId.All(char.IsAsciiDigit)) yield return $"Accounts:{id}:UserId (the account's numeric id) is required for an X account.";
            if (string.IsNullOrWhiteSpace(ClientId)) yield return $"Accounts:{id}:ClientId is required for an X account.";
            if (string.IsNullOrWhiteSpace(RefreshToken)) yield return $"Accounts:{id}:RefreshToken is required for an X account.";
        }
        if (Platform == Platform.Bluesky)
        {
            if (string.IsNullOrWhiteSpace(AppPassword)) yield return $"Accounts:{id}:AppPassword is required for a Bluesky account.";
            if (ServiceUrl is { } service && BadService(service, development)) yield return ServiceProblem(id, development);
        }
        if (Platform == Platform.Mastodon)
        {
            if (ServiceUrl is null) yield return $"Accounts:{id}:ServiceUrl is required for a Mastodon account (the instance, e.g. https://mastodon.social/).";
            else if (BadService(ServiceUrl, development)) yield return ServiceProblem(id, development);
            if (string.IsNullOrWhiteSpace(AccessToken)) yield return $"Accounts:{id}:AccessToken is required for a Mastodon account.";
        }
        if (Platform == Platform.Generic)
        {
            if ((WebhookSecret?.Length ?? 0) < 16) yield return $"Accounts:{id}:WebhookSecret must be at least 16 characters.";
            if (ReplyUrl is not { IsAbsoluteUri: true } || (ReplyUrl.Scheme != "https" && ReplyUrl.Scheme != "http"))
                yield return $"Accounts:{id}:ReplyUrl must be an absolute http(s) URL.";
            else if (!development && ReplyUrl.Scheme != "https")
                yield return $"Accounts:{id}:ReplyUrl must be https outside development.";
        }
    }

    private static bool BadService(Uri service, bool development) =>
        !service.IsAbsoluteUri || (service.Scheme != "https" && !(development && service.Scheme == "http"));

    private static string ServiceProblem(string id, bool development) =>
        $"Accounts:{id}:ServiceUrl must be an absolute https URL{(development ? " (http allowed in development)" : "")}.";
}

/// <summary>All accounts by id (case-insensitive, as configuration keys are).</summary>
public sealed class AccountsOptions : Dictionary<string, AccountOptions>
{
    public const string Section = "Accounts";

    public AccountsOptions() : base(StringComparer.OrdinalIgnoreCase) { }
}
