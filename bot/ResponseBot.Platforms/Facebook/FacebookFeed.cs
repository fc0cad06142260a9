using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Facebook;

/// <summary>One change to a Page's feed (a <c>feed</c> field's <c>value</c>). All of it is untrusted.</summary>
public sealed record FeedChange(string Item, string Verb, string? CommentId, string? PostId, string? ParentId, string? Message,
    string? FromId, string? FromName, long? CreatedTime)
{
    /// <summary>The platform id the case is stored under: the comment, or a visitor's post.</summary>
    public string? ExternalId => Item == "comment" ? CommentId : PostId;
}

/// <summary>The changes for one Page in a delivery (<c>entry[].id</c> is the Page).</summary>
public sealed record FeedEntry(string PageId, IReadOnlyList<FeedChange> Changes);

/// <summary>
/// The body Meta posts for a Page subscription (Webhooks → Webhooks for Pages, and the Page topic's <c>feed</c> field in the
/// Webhooks reference, https://developers.facebook.com/docs/graph-api/webhooks/reference/page): <c>{"object": "page",
/// "entry": [{"id": "&lt;page id&gt;", "time": …, "changes": [{"field": "feed", "value": {"item", "verb", "comment_id",
/// "post_id", "parent_id", "message", "from": {"id", "name"}, "created_time"}}]}]}</c>. Only <c>feed</c> changes are read.
/// </summary>
public static partial class FacebookFeed
{
    /// <summary>What residents write to a Page: comments and visitor posts (a status, photo or video with words or not).</summary>
    public static readonly IReadOnlySet<string> Items = new HashSet<string> { "comment", "post", "status", "photo", "video" };

    private const int MaxMessage = 64 * 1024;
    private const int MaxName = 256;

    /// <summary>The entries of a page delivery; null (with the reason) when the body isn't one.</summary>
    public static IReadOnlyList<FeedEntry>? Read(JsonElement root, out string? error, out bool page)
    {
        error = null;
        page = false;
        if (root.ValueKind != JsonValueKind.Object) { error = "body must be a JSON object"; return null; }
        page = Str(root, "object") == "page";
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) { error = "field 'entry' must be an array"; return null; }
        var read = new List<FeedEntry>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (Id(entry, "id") is not { } pageId) continue;
            var changes = new List<FeedChange>();
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("changes", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var change in list.EnumerateArray())
                    if (change.ValueKind == JsonValueKind.Object && Str(change, "field") == "feed"
                        && change.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object)
                        changes.Add(Change(v));
            read.Add(new FeedEntry(pageId, changes));
        }
        return read;
    }

    /// <summary>The Pages a body names, read leniently and trusting nothing: only to say whose deliveries are being refused.</summary>
    public static IReadOnlyList<string> PageIds(ReadOnlySpan<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            return Read(doc.RootElement, out _, out _)?.Select(e => e.PageId).Distinct().ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static FeedChange Change(JsonElement v)
    {
        var from = v.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        long? created = v.TryGetProperty("created_time", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var seconds) ? seconds : null;
        return new FeedChange(Str(v, "item") ?? "", Str(v, "verb") ?? "", Id(v, "comment_id"), Id(v, "post_id"), Id(v, "parent_id"),
            Str(v, "message", MaxMessage), Id(from, "id"), Str(from, "name", MaxName), created);
    }

    /// <summary>
    /// A comment or visitor post as a mention. Facebook has no handles: the author's name stands for one (it is what residents
    /// see). The link is the post's short address, naming the comment as Facebook's own comment links do.
    /// </summary>
    public static Mention? ToMention(string accountId, FeedChange c, Instant receivedAt)
    {
        if (c.ExternalId is not { } id || c.PostId is not { } postId) return null;
        var name = UntrustedText.Clean(c.FromName ?? "").Trim() is { Length: > 0 } n ? n : "Facebook user";
        var comment = c.Item == "comment";
        var url = comment ? $"https://www.facebook.com/{postId}?comment_id={id[(id.LastIndexOf('_') + 1)..]}" : $"https://www.facebook.com/{postId}";
        var created = c.CreatedTime is { } s && s > 0 && s < 253402300799 ? Instant.FromUnixTimeSeconds(s) : receivedAt;
        // A top-level comment answers the post (parent_id is the post); a reply answers the comment above it.
        var inReplyTo = comment ? c.ParentId ?? postId : null;
        return new Mention(accountId, id, new Author(name, name, null), Text(c), url, created, inReplyTo == id ? null : inReplyTo);
    }

    /// <summary>What the mention says, safe to store; a photo or video posted without words says so rather than being empty.</summary>
    public static string Text(FeedChange c) =>
        UntrustedText.Clean(c.Message ?? "").Trim() is { Length: > 0 } text ? text : $"({(c.Item == "comment" ? "a comment" : "a " + c.Item)} with no text)";

    // Graph ids are numbers, joined by '_' for a post ({page}_{post}) or a comment ({post}_{comment}); anything else is refused,
    // so an id can be put in a link or a Graph path as it is.
    [GeneratedRegex(@"^[0-9]{1,32}(_[0-9]{1,32}){0,2}$")]
    private static partial Regex GraphId();

    private static string? Id(JsonElement obj, string field) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(field, out var el)
            ? el.ValueKind switch
            {
                JsonValueKind.String when Safe(el) is { } s && GraphId().IsMatch(s) => s,
                JsonValueKind.Number when el.GetRawText() is var raw && GraphId().IsMatch(raw) => raw,
                _ => null,
            }
            : null;

    private static string? Str(JsonElement obj, string field, int max = 64)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(field, out var el) || el.ValueKind != JsonValueKind.String) return null;
        return Safe(el) is { } s ? s.Length > max ? s[..max] : s : null;
    }

    // A string JSON can carry but .NET can't read (an escaped lone surrogate: a message cut mid-emoji) reads as a replacement mark.
    private static string? Safe(JsonElement el)
    {
        try { return el.GetString(); }
        catch (InvalidOperationException) { return "\uFFFD"; }
    }
}
