using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// Replies as the Page with <c>POST /{comment-id}/comments</c> (or <c>/{post-id}/comments</c> for a visitor post), the
/// <c>message</c> as a form field (Pages API → Comments, https://developers.facebook.com/docs/pages-api/comments-mentions).
/// Graph has no idempotency key, so a send that may have happened (a timeout after Facebook accepted it) is checked before it
/// is made again: the replies already under the mention are read, and one from the Page with exactly this text is the reply.
/// </summary>
public sealed class FacebookPublisher(GraphClient graph, AccountDirectory accounts, ILogger<FacebookPublisher> log) : IReplyPublisher
{
    private const int PageSize = 100;
    private const int MaxPages = 5;

    public Platform Platform => Platform.Facebook;

    public async Task<PublishedReply> PublishAsync(CaseRecord @case, string text, ReplyKind kind, CancellationToken ct)
    {
        var accountId = @case.Mention.AccountId;
        var page = FacebookAccount.Of(accounts, accountId);
        var target = @case.Mention.ExternalId;
        var id = await Call("reading the replies already posted", accountId, () => OursAsync(page, target, text, ct));
        if (id is not null) log.LogInformation("Case {CaseId}: the reply was already on Facebook as {ReplyId}; not posted again", @case.Id, id);
        else
        {
            var posted = await Call("posting the reply", accountId, () => graph.PostAsync(page, $"{target}/comments", [new("message", text)], ct));
            id = GraphClient.Str(posted["id"]) ?? throw new DeliveryException(DeliveryFailure.Transient, "Facebook accepted the reply but gave no id");
        }
        return new PublishedReply(id, await PermalinkAsync(page, id, ct));
    }

    // Only the mention's own replies (filter=toplevel): the same words the Page said to somebody else elsewhere are not this reply.
    private async Task<string?> OursAsync(AccountOptions page, string target, string text, CancellationToken ct)
    {
        string? after = null;
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var answer = await graph.GetAsync(page, $"{target}/comments", [("fields", "id,from,message"), ("filter", "toplevel"),
                ("order", "reverse_chronological"), ("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("after", after)], ct);
            foreach (var c in answer["data"]?.AsArray().OfType<JsonObject>() ?? [])
                if (GraphClient.Str(c["from"]?["id"]) == page.PageId && Same(GraphClient.Str(c["message"]), text) && GraphClient.Str(c["id"]) is { } id)
                    return id;
            after = GraphClient.Str(answer["paging"]?["cursors"]?["after"]);
            if (after is null || answer["paging"]?["next"] is null) return null;
        }
        return null;
    }

    private static bool Same(string? posted, string text) => posted is not null && Normal(posted) == Normal(text);

    private static string Normal(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    // The reply's own link, for the card; the reply stands without it.
    private async Task<string?> PermalinkAsync(AccountOptions page, string id, CancellationToken ct)
    {
        try
        {
            var link = GraphClient.Str((await graph.GetAsync(page, id, [("fields", "permalink_url")], ct))["permalink_url"]);
            return Uri.TryCreate(link, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps ? u.AbsoluteUri : null;
        }
        catch (Exception ex) when (ex is GraphException or DeliveryException)
        {
            log.LogWarning("Reply {ReplyId} posted; its link could not be read ({Reason})", id, ex.Message);
            return null;
        }
    }

    internal static async Task<T> Call<T>(string what, string accountId, Func<Task<T>> call)
    {
        try { return await call(); }
        catch (GraphException ex) { throw ex.ToDelivery(what, accountId); }
    }
}
