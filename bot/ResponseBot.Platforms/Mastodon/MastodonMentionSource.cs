using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Mastodon;

/// <summary>
/// Mentions of the account from <c>GET /api/v1/notifications?types[]=mention</c>. The cursor kept between polls is the newest
/// notification id seen. A poll walks forward from it (<c>min_id</c>, then each page's <c>prev</c> link) so a burst bigger than
/// a page is read in full; a walk cut short by the page bound resumes where it stopped. The first poll takes the newest page only.
/// </summary>
public sealed class MastodonMentionSource(MastodonClient client, AccountDirectory accounts) : IMentionSource
{
    private const int PageSize = 40;
    private const int MaxPages = 10;

    public Platform Platform => Platform.Mastodon;

    public async Task<MentionBatch> FetchAsync(string accountId, string? cursor, CancellationToken ct)
    {
        var a = MastodonAccount.Of(accounts, accountId);
        var service = a.EffectiveServiceUrl();
        var mentions = new List<Mention>();
        var newest = cursor;
        var url = new Uri(service, $"api/v1/notifications?types[]=mention&limit={PageSize}" + (cursor is null ? "" : $"&min_id={Uri.EscapeDataString(cursor)}"));
        for (var pages = 0; pages < MaxPages; pages++)
        {
            MastodonAnswer page;
            try { page = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), a.AccessToken!, ct); }
            catch (MastodonException ex) { throw ex.ToDelivery("listing notifications"); }
            var items = page.Body.AsArray().OfType<JsonObject>().ToList();
            foreach (var n in items)
            {
                if (n["id"]?.GetValue<string>() is not { } id) continue;
                if (cursor is not null && Compare(id, cursor) <= 0) continue;                // at or before what was seen
                if (newest is null || Compare(id, newest) > 0) newest = id;
                if (n["type"]?.GetValue<string>() == "mention" && Map(accountId, n["status"] as JsonObject) is { } m) mentions.Add(m);
            }
            // The first poll of an account takes the newest page only: its history is not a backlog of cases.
            if (cursor is null || items.Count < PageSize || newest is null) break;
            // The prev link leads to newer pages; one pointing anywhere but the instance is not followed (it would carry the token).
            url = page.Links.GetValueOrDefault("prev") is { } prev && SameOrigin(prev, service)
                ? prev
                : new Uri(service, $"api/v1/notifications?types[]=mention&limit={PageSize}&min_id={Uri.EscapeDataString(newest)}");
        }
        return new MentionBatch(mentions, newest);
    }

    /// <summary>A mention notification's status as a mention; null when it lacks what a case needs. All of it is untrusted.</summary>
    public static Mention? Map(string accountId, JsonObject? status)
    {
        var id = Str(status?["id"]);
        var author = status?["account"] as JsonObject;
        var acct = Str(author?["acct"]);
        if (id is null || acct is null) return null;
        var name = Str(author?["display_name"]) is { Length: > 0 } display ? display : acct;
        var text = MastodonText.ToPlain(Str(status!["content"]));
        // A content warning is part of what the resident said; it comes first, as Mastodon shows it.
        if (Str(status["spoiler_text"]) is { Length: > 0 } warning) text = $"CW: {MastodonText.ToPlain(warning)}\n{text}";
        var created = DateTimeOffset.TryParse(Str(status["created_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Instant.FromDateTimeOffset(at) : SystemClock.Instance.GetCurrentInstant();
        return new Mention(accountId, id, new Author(MastodonText.ToPlain(acct), MastodonText.ToPlain(name), WebUrl(author?["url"])), text,
            WebUrl(status["url"]) ?? WebUrl(status["uri"]), created, Str(status["in_reply_to_id"]));
    }

    /// <summary>Mastodon ids are numbers in strings, growing with time: longer is newer, then by digits.</summary>
    public static int Compare(string a, string b) => NumericIds.Compare(a, b);

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    internal static string? Str(JsonNode? node) => PlatformHttp.Str(node);

    // Only web addresses become links on cards.
    private static string? WebUrl(JsonNode? node) =>
        Str(node) is { } s && Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" ? u.AbsoluteUri : null;
}

/// <summary>The account's settings for a Mastodon call; gone from configuration is permanent.</summary>
internal static class MastodonAccount
{
    public static AccountOptions Of(AccountDirectory accounts, string accountId) =>
        accounts.Settings(accountId) is { AccessToken: { Length: > 0 } } a ? a
            : throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured for Mastodon");
}
