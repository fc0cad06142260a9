using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Bluesky;

/// <summary>
/// Mentions, replies and quotes of the account, from <c>app.bsky.notification.listNotifications</c> (newest first). The cursor
/// kept between polls is the newest notification's <c>indexedAt</c>: a poll pages back until it reaches what it has seen (or, on
/// the first poll, takes the newest page only). Notifications sharing that instant are fetched again and stored once by the
/// case's (account, post URI) key, so one straddling a page boundary is never lost.
/// </summary>
public sealed class BlueskyMentionSource(XrpcClient xrpc, BlueskySessions sessions) : IMentionSource
{
    private static readonly HashSet<string> Reasons = ["mention", "reply", "quote"];
    private const int PageSize = 50;
    private const int MaxPages = 10;

    public Platform Platform => Platform.Bluesky;

    public async Task<MentionBatch> FetchAsync(string accountId, string? cursor, CancellationToken ct)
    {
        // A backlog longer than one poll's pages is worked through over several polls: the cursor then says where to carry on.
        var resume = cursor?.StartsWith('{') == true ? JsonSerializer.Deserialize<Resume>(cursor) : null;
        var upToText = resume is null ? cursor : resume.UpTo;
        var seenUpTo = Parse(upToText);
        var mentions = new List<Mention>();
        var newest = Parse(resume?.Newest);
        var page = resume?.Page;
        var caughtUp = false;
        for (var pages = 0; pages < MaxPages && !caughtUp; pages++)
        {
            var result = await ListAsync(accountId, page, ct);
            foreach (var n in result["notifications"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var indexedAt = Parse(n["indexedAt"]?.GetValue<string>());
                if (indexedAt is null) continue;
                newest = newest is { } seen && seen >= indexedAt ? seen : indexedAt;
                if (seenUpTo is { } upTo && indexedAt < upTo) { caughtUp = true; break; }
                if (Reasons.Contains(n["reason"]?.GetValue<string>() ?? "") && Map(accountId, n) is { } m) mentions.Add(m);
            }
            page = result["cursor"]?.GetValue<string>();
            // The first poll of an account takes the newest page only: its history is not a backlog of cases.
            caughtUp |= page is null || seenUpTo is null;
        }
        var next = caughtUp || page is null
            ? (newest ?? seenUpTo) is { } at ? InstantPattern.ExtendedIso.Format(at) : null
            : JsonSerializer.Serialize(new Resume(upToText, page, newest is { } n2 ? InstantPattern.ExtendedIso.Format(n2) : null));
        return new MentionBatch(await WithParentsAsync(accountId, mentions, ct), next);
    }

    /// <summary>Part-way through a backlog: the old high-water mark, the page to carry on from, the newest seen so far.</summary>
    private sealed record Resume(string? UpTo, string Page, string? Newest);

    // The posts being answered, fetched once here (25 to a call) so each card can show what its mention replies to.
    private async Task<List<Mention>> WithParentsAsync(string accountId, List<Mention> mentions, CancellationToken ct)
    {
        var parents = new Dictionary<string, ParentPost>();
        foreach (var chunk in mentions.Select(m => m.InReplyTo).OfType<string>().Distinct().Chunk(25))
        {
            var posts = await Call(() => sessions.WithSessionAsync(accountId, s => xrpc.QueryAsync(sessions.Service(accountId), "app.bsky.feed.getPosts",
                chunk.Select(uri => ("uris", (string?)uri)), s.AccessJwt, ct), ct));
            foreach (var p in posts["posts"]?.AsArray().OfType<JsonObject>() ?? [])
                if (p["uri"]?.GetValue<string>() is { } uri && p["author"]?["handle"]?.GetValue<string>() is { } handle)
                    parents[uri] = new ParentPost(Clean(handle), Clean(p["record"]?["text"]?.GetValue<string>() ?? ""));
        }
        return mentions.Select(m => m.InReplyTo is { } parent && parents.TryGetValue(parent, out var p) ? m with { Parent = p } : m).ToList();
    }

    private Task<JsonObject> ListAsync(string accountId, string? page, CancellationToken ct) =>
        Call(() => sessions.WithSessionAsync(accountId, s => xrpc.QueryAsync(sessions.Service(accountId), "app.bsky.notification.listNotifications",
            [("limit", PageSize.ToString(CultureInfo.InvariantCulture)), ("cursor", page)], s.AccessJwt, ct), ct));

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (XrpcException ex) { throw ex.ToDelivery("listing notifications"); }
    }

    /// <summary>A notification as a mention; null when it lacks what a case needs. All of it is untrusted text.</summary>
    public static Mention? Map(string accountId, JsonObject n)
    {
        var uri = n["uri"]?.GetValue<string>();
        var author = n["author"] as JsonObject;
        var record = n["record"] as JsonObject;
        var handle = author?["handle"]?.GetValue<string>();
        if (uri is null || handle is null || record is null) return null;
        var created = Parse(record["createdAt"]?.GetValue<string>()) ?? Parse(n["indexedAt"]?.GetValue<string>())!.Value;
        var name = author?["displayName"]?.GetValue<string>() is { Length: > 0 } display ? display : handle;
        return new Mention(accountId, Clean(uri), new Author(Clean(handle), Clean(name), $"https://bsky.app/profile/{Uri.EscapeDataString(Clean(handle))}"),
            Clean(record["text"]?.GetValue<string>() ?? ""), PostUrl(handle, uri), created,
            record["reply"]?["parent"]?["uri"]?.GetValue<string>() is { } parent ? Clean(parent) : null);
    }

    /// <summary>The post's public web address: bsky.app/profile/{handle}/post/{record key}.</summary>
    public static string PostUrl(string handle, string atUri) =>
        $"https://bsky.app/profile/{Uri.EscapeDataString(handle)}/post/{Uri.EscapeDataString(atUri[(atUri.LastIndexOf('/') + 1)..])}";

    private static Instant? Parse(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? Instant.FromDateTimeOffset(at) : null;

    private static string Clean(string text) => UntrustedText.Clean(text);
}
