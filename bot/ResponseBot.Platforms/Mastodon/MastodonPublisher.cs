using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Platforms.Mastodon;

/// <summary>
/// Posts a reply as the account with <c>POST /api/v1/statuses</c>, threaded under the mention (<c>in_reply_to_id</c>). The
/// mention is read again first: it proves it still exists and gives its visibility, which the reply never widens. The
/// Idempotency-Key is stable per case, kind and text, and Mastodon keeps keys for an hour, so a retried send posts once.
/// </summary>
public sealed class MastodonPublisher(MastodonClient client, AccountDirectory accounts) : IReplyPublisher
{
    private readonly ConcurrentDictionary<Uri, int> _limits = new();

    public Platform Platform => Platform.Mastodon;

    public async Task<PublishedReply> PublishAsync(CaseRecord @case, string text, ReplyKind kind, CancellationToken ct)
    {
        var a = MastodonAccount.Of(accounts, @case.Mention.AccountId);
        var service = a.EffectiveServiceUrl();
        var token = a.AccessToken!;
        var mention = await CallAsync("reading the mention", () => client.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, new Uri(service, $"api/v1/statuses/{Uri.EscapeDataString(@case.Mention.ExternalId)}")), token, ct));
        var acct = MastodonMentionSource.Str((mention.Body as JsonObject)?["account"]?["acct"]) ?? @case.Mention.Author.Handle;
        var status = MastodonVisibility.Addressed(text, acct);
        var limit = await LimitAsync(service, token, ct);
        if (MastodonText.Length(status) is var length && length > limit)
            throw new DeliveryException(DeliveryFailure.Permanent, $"the reply is {length} characters; this Mastodon instance allows {limit}");

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service, "api/v1/statuses"))
        {
            Content = new FormUrlEncodedContent([
                new("status", status),
                new("in_reply_to_id", @case.Mention.ExternalId),
                new("visibility", MastodonVisibility.ForReply(MastodonMentionSource.Str((mention.Body as JsonObject)?["visibility"]))),
            ]),
        };
        request.Headers.Add("Idempotency-Key", GenericWebhookPublisher.IdempotencyKey(@case.Id, kind == ReplyKind.Holding ? "holding" : "reply", status));
        var posted = await CallAsync("posting the reply", () => client.SendAsync(request, token, ct));
        return new PublishedReply(MastodonMentionSource.Str((posted.Body as JsonObject)?["id"]), MastodonMentionSource.Str((posted.Body as JsonObject)?["url"]));
    }

    // The instance's own limit (configuration.statuses.max_characters), read once per instance; 500 when it doesn't say.
    private async Task<int> LimitAsync(Uri service, string token, CancellationToken ct)
    {
        if (_limits.TryGetValue(service, out var known)) return known;
        var limit = PlatformFacts.ReplyLimit(Platform.Mastodon);
        try
        {
            var instance = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(service, "api/v2/instance")), token, ct);
            if ((instance.Body as JsonObject)?["configuration"]?["statuses"]?["max_characters"] is JsonValue v && v.TryGetValue<int>(out var max) && max > 0) limit = max;
        }
        catch (MastodonException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            // An instance older than 4.0 has no v2 endpoint: the default stands.
        }
        catch (MastodonException ex)
        {
            throw ex.ToDelivery("reading the instance's limits");
        }
        return _limits[service] = limit;
    }

    private static async Task<MastodonAnswer> CallAsync(string what, Func<Task<MastodonAnswer>> call)
    {
        try { return await call(); }
        catch (MastodonException ex) when (ex.Status == HttpStatusCode.NotFound && what == "reading the mention")
        {
            throw new DeliveryException(DeliveryFailure.Permanent, "the mention is gone from Mastodon (deleted, or no longer visible to the account)", inner: ex);
        }
        catch (MastodonException ex) { throw ex.ToDelivery(what); }
    }
}
