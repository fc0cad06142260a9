using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.X;

/// <summary>
/// Hides or unhides a mention with <c>PUT /2/tweets/{id}/hidden</c> as the account (scope tweet.moderate.write). X allows it
/// only for replies in conversations the account started; hiding what is already hidden succeeds.
/// </summary>
public sealed class XModerator(XClient client, XTokens tokens, AccountDirectory accounts) : IModerator
{
    public Platform Platform => Platform.X;

    public async Task SetHiddenAsync(CaseRecord @case, bool hidden, CancellationToken ct)
    {
        var accountId = @case.Mention.AccountId;
        var a = XAccount.Of(accounts, accountId);
        var what = hidden ? "hiding the reply" : "unhiding the reply";
        var url = new Uri(a.EffectiveServiceUrl(), $"2/tweets/{Uri.EscapeDataString(@case.Mention.ExternalId)}/hidden");
        XAnswer answer;
        try
        {
            answer = await tokens.WithTokenAsync(accountId, token => client.SendAsync(
                new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new JsonObject { ["hidden"] = hidden }) }, token, ct), ct);
        }
        catch (XException ex) when (ex.Status == HttpStatusCode.Forbidden)
        {
            throw new DeliveryException(DeliveryFailure.Permanent,
                $"{what}: X only lets an account hide replies to its own posts, and this mention isn't one ({ex.Detail})", inner: ex);
        }
        catch (XException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            throw new DeliveryException(DeliveryFailure.Permanent, $"{what}: the mention is gone from X", inner: ex);
        }
        catch (XException ex) { throw ex.ToDelivery(what); }
        if (answer.Body["data"]?["hidden"] is JsonValue v && v.TryGetValue<bool>(out var now) && now != hidden)
            throw new DeliveryException(DeliveryFailure.Transient, $"{what}: X answered that the reply is {(now ? "hidden" : "visible")}");
    }
}
