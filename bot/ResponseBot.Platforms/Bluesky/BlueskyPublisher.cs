using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime.Text;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Bluesky;

/// <summary>
/// Posts a reply as the account: an <c>app.bsky.feed.post</c> created with <c>com.atproto.repo.createRecord</c>, threaded under
/// the mention (reply.parent) and its thread's first post (reply.root), with facets for mentions and links. Posted once: a send
/// retried after a lost answer first looks for our own reply to that post with the same text, and returns it if it is there.
/// </summary>
public sealed class BlueskyPublisher(XrpcClient xrpc, BlueskySessions sessions, TimeProvider clock) : IReplyPublisher
{
    public const int MaxGraphemes = 300;

    public Platform Platform => Platform.Bluesky;

    public async Task<PublishedReply> PublishAsync(CaseRecord @case, string text, ReplyKind kind, CancellationToken ct)
    {
        var accountId = @case.Mention.AccountId;
        var graphemes = new StringInfo(text).LengthInTextElements;
        if (graphemes > MaxGraphemes)
            throw new DeliveryException(DeliveryFailure.Permanent, $"the reply is {graphemes} characters; Bluesky allows {MaxGraphemes}");
        try
        {
            return await sessions.WithSessionAsync(accountId, async s =>
            {
                var service = sessions.Service(accountId);
                if (await FindOursAsync(service, s, @case.Mention.ExternalId, text, ct) is { } already) return already;
                var (parent, root) = await RefsAsync(service, s, @case.Mention.ExternalId, ct);
                var dids = new Dictionary<string, string>();
                foreach (var handle in BlueskyRichText.Handles(text))
                    if (await ResolveAsync(service, s, handle, ct) is { } did) dids[handle] = did;
                var record = new JsonObject
                {
                    ["$type"] = "app.bsky.feed.post",
                    ["text"] = text,
                    ["createdAt"] = InstantPattern.ExtendedIso.Format(NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow())),
                    ["reply"] = new JsonObject { ["root"] = root, ["parent"] = parent },
                    ["facets"] = BlueskyRichText.Facets(text, dids),
                };
                var created = await xrpc.ProcedureAsync(service, "com.atproto.repo.createRecord",
                    new JsonObject { ["repo"] = s.Did, ["collection"] = "app.bsky.feed.post", ["record"] = record }, s.AccessJwt, ct);
                var uri = created["uri"]!.GetValue<string>();
                return new PublishedReply(uri, BlueskyMentionSource.PostUrl(s.Handle, uri));
            }, ct);
        }
        catch (XrpcException ex)
        {
            throw ex.ToDelivery("posting the reply");
        }
    }

    // Our reply to this post with this text, if an earlier attempt posted it and its answer was lost.
    private async Task<PublishedReply?> FindOursAsync(Uri service, BlueskySession s, string parentUri, string text, CancellationToken ct)
    {
        var records = await xrpc.QueryAsync(service, "com.atproto.repo.listRecords",
            [("repo", s.Did), ("collection", "app.bsky.feed.post"), ("limit", "50")], s.AccessJwt, ct);
        var ours = records["records"]?.AsArray().OfType<JsonObject>().FirstOrDefault(r =>
            r["value"]?["reply"]?["parent"]?["uri"]?.GetValue<string>() == parentUri && r["value"]?["text"]?.GetValue<string>() == text);
        return ours?["uri"]?.GetValue<string>() is { } uri ? new PublishedReply(uri, BlueskyMentionSource.PostUrl(s.Handle, uri)) : null;
    }

    // The mention as the parent, and the first post of its thread as the root (the mention itself when it starts one).
    private async Task<(JsonObject Parent, JsonObject Root)> RefsAsync(Uri service, BlueskySession s, string uri, CancellationToken ct)
    {
        var posts = await xrpc.QueryAsync(service, "app.bsky.feed.getPosts", [("uris", uri)], s.AccessJwt, ct);
        var post = posts["posts"]?.AsArray().OfType<JsonObject>().FirstOrDefault()
            ?? throw new DeliveryException(DeliveryFailure.Transient, "the post being answered isn't visible on Bluesky (yet, or any more)");
        var parent = new JsonObject { ["uri"] = post["uri"]!.GetValue<string>(), ["cid"] = post["cid"]!.GetValue<string>() };
        var root = post["record"]?["reply"]?["root"] is JsonObject r && r["uri"] is not null && r["cid"] is not null
            ? new JsonObject { ["uri"] = r["uri"]!.GetValue<string>(), ["cid"] = r["cid"]!.GetValue<string>() }
            : parent.DeepClone().AsObject();
        return (parent, root);
    }

    private async Task<string?> ResolveAsync(Uri service, BlueskySession s, string handle, CancellationToken ct)
    {
        try
        {
            return (await xrpc.QueryAsync(service, "com.atproto.identity.resolveHandle", [("handle", handle)], s.AccessJwt, ct))["did"]?.GetValue<string>();
        }
        catch (XrpcException)
        {
            return null;   // not a handle Bluesky knows: it stays plain text
        }
    }
}
