using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ResponseBot.Testing;

public sealed record BlueskySession(string Handle, string Did, string AccessJwt, string RefreshJwt);

/// <summary>A strong reference to a record: what reply.root and reply.parent need.</summary>
public sealed record PostRef(string Uri, string Cid);

/// <summary>An XRPC error as the servers send it: HTTP status plus {"error","message"}.</summary>
public sealed class XrpcException(string nsid, HttpStatusCode status, string? error, string? message)
    : Exception($"{nsid}: HTTP {(int)status} {error}: {message}")
{
    public HttpStatusCode StatusCode { get; } = status;
    public string? Error { get; } = error;
}

// Plain HttpClient against the PDS, the way a connector talks to Bluesky: app.bsky.* calls are proxied by the PDS
// to the AppView, com.atproto.* are the PDS's own.
public sealed partial class BlueskyTestnet
{
    public Task<BlueskySession> CreateSessionAsync(BlueskyAccount account) => CreateSessionAsync(account.Handle, account.Password);

    public async Task<BlueskySession> CreateSessionAsync(string handle, string password) =>
        Session(await PostXrpcAsync("com.atproto.server.createSession", null, new JsonObject { ["identifier"] = handle, ["password"] = password }));

    /// <summary>Trades the refresh token for a new pair; the refresh token rotates too, so keep the new one.</summary>
    public async Task<BlueskySession> RefreshSessionAsync(BlueskySession session) =>
        Session(await PostXrpcAsync("com.atproto.server.refreshSession", session.RefreshJwt, null));

    private static BlueskySession Session(JsonObject o) =>
        new((string)o["handle"]!, (string)o["did"]!, (string)o["accessJwt"]!, (string)o["refreshJwt"]!);

    /// <summary>
    /// Creates an app.bsky.feed.post. A mention notifies only through a facet naming the DID over the "@handle" in
    /// the text; a reply names the thread's root and the direct parent (root defaults to the parent).
    /// </summary>
    public async Task<PostRef> PostAsync(BlueskySession session, string text, BlueskyAccount? mention = null,
        PostRef? replyTo = null, PostRef? root = null)
    {
        var record = new JsonObject
        {
            ["$type"] = "app.bsky.feed.post",
            ["text"] = text,
            ["createdAt"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        };
        if (mention is not null) record["facets"] = new JsonArray(MentionFacet(text, mention.Handle, mention.Did));
        if (replyTo is not null)
            record["reply"] = new JsonObject { ["root"] = StrongRef(root ?? replyTo), ["parent"] = StrongRef(replyTo) };
        var created = await PostXrpcAsync("com.atproto.repo.createRecord", session.AccessJwt,
            new JsonObject { ["repo"] = session.Did, ["collection"] = "app.bsky.feed.post", ["record"] = record });
        return new PostRef((string)created["uri"]!, (string)created["cid"]!);
    }

    private static JsonObject StrongRef(PostRef p) => new() { ["uri"] = p.Uri, ["cid"] = p.Cid };

    /// <summary>A #mention facet over the first "@handle" in text; offsets count UTF-8 bytes, not chars.</summary>
    public static JsonObject MentionFacet(string text, string handle, string did)
    {
        var at = text.IndexOf("@" + handle, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException($"\"@{handle}\" is not in the text", nameof(text));
        var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, at));
        return new JsonObject
        {
            ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = start + Encoding.UTF8.GetByteCount("@" + handle) },
            ["features"] = new JsonArray(new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = did }),
        };
    }

    public Task<JsonObject> GetPostThreadAsync(BlueskySession session, string uri, int depth = 10) =>
        GetXrpcAsync("app.bsky.feed.getPostThread", session.AccessJwt, $"uri={Uri.EscapeDataString(uri)}&depth={depth}");

    /// <summary>One page, newest first; the cursor is left out, never sent empty or "null", on the first page.</summary>
    public Task<JsonObject> ListNotificationsAsync(BlueskySession session, string? cursor = null, int limit = 50) =>
        GetXrpcAsync("app.bsky.notification.listNotifications", session.AccessJwt,
            $"limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));

    /// <summary>Polls listNotifications until one with this reason and subject URI shows (the AppView indexes ~0.5-1 s late).</summary>
    public async Task<JsonObject> WaitForNotificationAsync(BlueskySession session, string reason, string uri, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        JsonArray seen = [];
        while (DateTime.UtcNow < deadline)
        {
            seen = (await ListNotificationsAsync(session))["notifications"]!.AsArray();
            var hit = seen.FirstOrDefault(n => (string?)n!["reason"] == reason && (string?)n["uri"] == uri);
            if (hit is not null) return hit.AsObject();
            await Task.Delay(200);
        }
        var summary = string.Join(", ", seen.Select(n => $"{n!["reason"]} {n["uri"]}"));
        throw new TimeoutException($"No '{reason}' notification for {uri} reached {session.Handle}; it had: [{summary}]");
    }

    /// <summary>
    /// The session's access token re-signed with an expiry in the past (dev-env signs HS256 with a fixed secret),
    /// so a test meets ExpiredToken without waiting out the 2 hours a real one lives.
    /// </summary>
    public string MintExpiredAccessJwt(BlueskySession session)
    {
        var parts = session.AccessJwt.Split('.');
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        claims["iat"] = now - 7260;
        claims["exp"] = now - 60;
        var signed = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_jwtSecret), Encoding.ASCII.GetBytes(signed));
        return signed + "." + System.Buffers.Text.Base64Url.EncodeToString(mac);
    }

    public async Task<JsonObject> GetXrpcAsync(string nsid, string? bearer, string query = "")
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, query.Length == 0 ? nsid : $"{nsid}?{query}");
        return await SendAsync(nsid, req, bearer);
    }

    public async Task<JsonObject> PostXrpcAsync(string nsid, string? bearer, JsonObject? body)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, nsid) { Content = body is null ? null : JsonContent.Create(body) };
        return await SendAsync(nsid, req, bearer);
    }

    private async Task<JsonObject> SendAsync(string nsid, HttpRequestMessage req, string? bearer)
    {
        if (bearer is not null) req.Headers.Authorization = new("Bearer", bearer);
        using var res = await _http.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try { json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject; } catch (System.Text.Json.JsonException) { }
        if (!res.IsSuccessStatusCode)
            throw new XrpcException(nsid, res.StatusCode, (string?)json?["error"], (string?)json?["message"] ?? text);
        return json ?? throw new XrpcException(nsid, res.StatusCode, "NotJson", text);
    }
}
