using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.X;

/// <summary>
/// Posts a reply as the account with <c>POST /2/tweets</c>, threaded under the mention (<c>reply.in_reply_to_tweet_id</c>).
/// X takes no idempotency key, so a send makes sure it hasn't already happened: the account's own tweets since the mention are
/// read first, and a reply to the mention with this text is returned instead of posting it again (a send that timed out after X
/// accepted it, retried by the outbox, posts once). X's own refusal of a duplicate is answered the same way.
/// </summary>
public sealed class XPublisher(XClient client, XTokens tokens, AccountDirectory accounts, ILogger<XPublisher> log) : IReplyPublisher
{
    public Platform Platform => Platform.X;

    public async Task<PublishedReply> PublishAsync(CaseRecord @case, string text, ReplyKind kind, CancellationToken ct)
    {
        var accountId = @case.Mention.AccountId;
        var a = XAccount.Of(accounts, accountId);
        var mentionId = @case.Mention.ExternalId;
        if (XText.WeightedLength(text) is var length && length > XText.MaxWeightedLength)
            throw new DeliveryException(DeliveryFailure.Permanent,
                $"the reply counts as {length} characters on X (CJK characters and emoji count twice, links 23); X allows {XText.MaxWeightedLength}");
        if (await FindAsync(accountId, a, mentionId, text, ct) is { } earlier)
        {
            log.LogInformation("Case {CaseId}: the reply is already on X (tweet {TweetId}); not posting it again", @case.Id, earlier.PlatformReplyId);
            return earlier;
        }
        var body = new JsonObject { ["text"] = text, ["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = mentionId } };
        try
        {
            var posted = await tokens.WithTokenAsync(accountId, token => client.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, new Uri(a.EffectiveServiceUrl(), "2/tweets")) { Content = JsonContent.Create(body) }, token, ct), ct);
            var id = PlatformHttp.Str(posted.Body["data"]?["id"])
                ?? throw new DeliveryException(DeliveryFailure.Transient, "X accepted the reply but its answer has no data.id");
            return Published(a, id);
        }
        catch (XException ex) when (ex.IsDuplicate)
        {
            return await FindAsync(accountId, a, mentionId, text, ct)
                ?? throw new DeliveryException(DeliveryFailure.Permanent, $"posting the reply: X refused it as a duplicate ({ex.Detail}), and no reply of ours to the mention has this text", inner: ex);
        }
        catch (XException ex) { throw ex.ToDelivery("posting the reply"); }
    }

    /// <summary>
    /// Our reply to the mention with this text, if it is already on X: the account's tweets after the mention (a reply is always
    /// newer than what it answers), newest first, a page of 100.
    /// </summary>
    private async Task<PublishedReply?> FindAsync(string accountId, AccountOptions a, string mentionId, string text, CancellationToken ct)
    {
        var url = new Uri(a.EffectiveServiceUrl(), $"2/users/{Uri.EscapeDataString(a.UserId!)}/tweets?since_id={Uri.EscapeDataString(mentionId)}"
            + "&max_results=100&tweet.fields=referenced_tweets,in_reply_to_user_id");
        XAnswer page;
        try { page = await tokens.WithTokenAsync(accountId, token => client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), token, ct), ct); }
        catch (XException ex) { throw ex.ToDelivery("checking for an earlier reply"); }
        foreach (var t in (page.Body["data"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var repliesToMention = (t["referenced_tweets"] as JsonArray)?.OfType<JsonObject>()
                .Any(r => PlatformHttp.Str(r["type"]) == "replied_to" && PlatformHttp.Str(r["id"]) == mentionId) == true;
            if (repliesToMention && PlatformHttp.Str(t["id"]) is { } id && XText.SameReply(text, PlatformHttp.Str(t["text"]) ?? ""))
                return Published(a, id);
        }
        return null;
    }

    private static PublishedReply Published(AccountOptions a, string id) => new(id, XMentionSource.TweetUrl(XAccount.Handle(a), id));
}
