using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.X;

/// <summary>
/// Mentions of the account from <c>GET /2/users/{id}/mentions</c>. The cursor kept between polls is the newest tweet id seen,
/// passed as <c>since_id</c>. X answers newest first and pages backwards (<c>pagination_token</c> from <c>meta.next_token</c>)
/// down to since_id, so a burst bigger than a page is read in full before the cursor moves to its newest id; a walk cut short
/// (by the page bound or the rate limit) keeps since_id and the page to carry on from. The first poll takes the newest page only.
/// An exhausted rate-limit window (x-rate-limit-remaining 0) holds the next poll until it resets.
/// </summary>
public sealed class XMentionSource(XClient client, XTokens tokens, AccountDirectory accounts) : IMentionSource
{
    public const int PageSize = 100;
    private const int MaxPages = 10;

    private const string Fields = "tweet.fields=created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities"
        + "&expansions=author_id,referenced_tweets.id,referenced_tweets.id.author_id&user.fields=username,name";

    public Platform Platform => Platform.X;

    public async Task<MentionBatch> FetchAsync(string accountId, string? cursor, CancellationToken ct)
    {
        var a = XAccount.Of(accounts, accountId);
        var resume = cursor?.StartsWith('{') == true ? JsonSerializer.Deserialize<Resume>(cursor) : null;
        var sinceId = resume is null ? cursor : resume.SinceId;
        var page = resume?.Page;
        var newest = resume?.Newest;
        var mentions = new List<Mention>();
        Instant? notBefore = null;
        var done = false;
        for (var pages = 0; pages < MaxPages && !done; pages++)
        {
            var url = $"2/users/{Uri.EscapeDataString(a.UserId!)}/mentions?max_results={PageSize}&{Fields}"
                + (sinceId is null ? "" : $"&since_id={Uri.EscapeDataString(sinceId)}")
                + (page is null ? "" : $"&pagination_token={Uri.EscapeDataString(page)}");
            XAnswer answer;
            try
            {
                answer = await tokens.WithTokenAsync(accountId, token =>
                    client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(a.EffectiveServiceUrl(), url)), token, ct), ct);
            }
            catch (XException ex) when (ex.Status == System.Net.HttpStatusCode.BadRequest && page is not null && pages == 0)
            {
                // A kept page token X no longer takes (they don't last for ever): the burst is read again from since_id.
                page = null;
                pages--;
                continue;
            }
            catch (XException ex) { throw ex.ToDelivery("reading mentions"); }
            foreach (var m in Map(accountId, a.UserId!, answer.Body))
            {
                if (sinceId is not null && NumericIds.Compare(m.ExternalId, sinceId) <= 0) continue;     // at or before what was seen
                newest = NumericIds.Newest(newest, m.ExternalId);
                mentions.Add(m);
            }
            // Only a tweet id may become the cursor: anything else would be sent back as since_id and refused on every poll.
            if (PlatformHttp.Str(answer.Body["meta"]?["newest_id"]) is { Length: > 0 } top && top.All(char.IsAsciiDigit))
                newest = NumericIds.Newest(newest, top);
            page = PlatformHttp.Str(answer.Body["meta"]?["next_token"]);
            // The first poll of an account takes the newest page only: its history is not a backlog of cases.
            done = page is null || sinceId is null;
            if (answer.Limit.Exhausted)
            {
                notBefore = answer.Limit.ResetAt;
                break;
            }
        }
        var next = done || page is null ? newest ?? sinceId : JsonSerializer.Serialize(new Resume(sinceId, page, newest));
        return new MentionBatch(mentions, next) { TokenExpiresAt = tokens.ExpiresAt(accountId), NotBefore = notBefore };
    }

    /// <summary>Part-way through a burst: the old since_id, the page to carry on from, the newest id seen so far.</summary>
    private sealed record Resume(string? SinceId, string Page, string? Newest);

    /// <summary>
    /// A mentions page as mentions: authors and replied-to tweets looked up in <c>includes</c>. The account's own tweets are left
    /// out, as is anything lacking what a case needs. All of it is untrusted.
    /// </summary>
    public static IEnumerable<Mention> Map(string accountId, string ownUserId, JsonObject page)
    {
        var users = Index(page["includes"]?["users"]);
        var tweets = Index(page["includes"]?["tweets"]);
        foreach (var t in (page["data"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var id = PlatformHttp.Str(t["id"]);
            var authorId = PlatformHttp.Str(t["author_id"]);
            if (id is null || !id.All(char.IsAsciiDigit) || authorId is null || authorId == ownUserId) continue;
            if (users.GetValueOrDefault(authorId) is not { } author || PlatformHttp.Str(author["username"]) is not { Length: > 0 } username) continue;
            username = UntrustedText.Clean(username);
            var name = PlatformHttp.Str(author["name"]) is { Length: > 0 } n ? UntrustedText.Clean(n) : username;
            var repliedTo = (t["referenced_tweets"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(r => PlatformHttp.Str(r["type"]) == "replied_to") is { } r ? PlatformHttp.Str(r["id"]) : null;
            var created = DateTimeOffset.TryParse(PlatformHttp.Str(t["created_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? Instant.FromDateTimeOffset(at) : SystemClock.Instance.GetCurrentInstant();
            yield return new Mention(accountId, id, new Author(username, name, $"https://x.com/{Uri.EscapeDataString(username)}"), Text(t),
                TweetUrl(username, id), created, repliedTo)
            {
                Parent = repliedTo is not null && tweets.GetValueOrDefault(repliedTo) is { } parent
                    && users.GetValueOrDefault(PlatformHttp.Str(parent["author_id"]) ?? "") is { } parentAuthor
                    && PlatformHttp.Str(parentAuthor["username"]) is { } parentHandle
                    ? new ParentPost(UntrustedText.Clean(parentHandle), Text(parent)) : null,
            };
        }
    }

    /// <summary>A tweet's public address.</summary>
    public static string TweetUrl(string username, string id) => $"https://x.com/{Uri.EscapeDataString(username)}/status/{Uri.EscapeDataString(id)}";

    // The text as people read it: X's escaping undone and t.co links shown as the addresses they stand for.
    private static string Text(JsonObject tweet)
    {
        var text = XText.Plain(PlatformHttp.Str(tweet["text"]) ?? "");
        foreach (var u in (tweet["entities"]?["urls"] as JsonArray)?.OfType<JsonObject>() ?? [])
            if (PlatformHttp.Str(u["url"]) is { Length: > 0 } shortened && PlatformHttp.Str(u["expanded_url"]) is { } expanded
                && Uri.TryCreate(expanded, UriKind.Absolute, out var link) && link.Scheme is "https" or "http")
                text = text.Replace(shortened, link.AbsoluteUri, StringComparison.Ordinal);
        return UntrustedText.Clean(text);
    }

    private static Dictionary<string, JsonObject> Index(JsonNode? items) =>
        ((items as JsonArray)?.OfType<JsonObject>() ?? []).Where(o => PlatformHttp.Str(o["id"]) is not null)
            .GroupBy(o => PlatformHttp.Str(o["id"])!).ToDictionary(g => g.Key, g => g.First());
}

/// <summary>The account's settings for an X call; gone from configuration is permanent.</summary>
internal static class XAccount
{
    public static AccountOptions Of(AccountDirectory accounts, string accountId) =>
        accounts.Settings(accountId) is { Platform: Platform.X, UserId: { Length: > 0 } } a ? a
            : throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured for X");

    /// <summary>The handle replies are posted as, without its '@'.</summary>
    public static string Handle(AccountOptions a) => a.Handle.TrimStart('@');
}
