using Microsoft.Extensions.Options;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Paging;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace ResponseBot.Paging;

/// <summary>
/// Pages by SMS through Twilio's Messages API (its SDK, over the factory's HTTP client). 429 and 5xx are retried by the outbox;
/// any other refusal (a number Twilio can't text, a wrong token) fails the page.
/// </summary>
public sealed class SmsPageSender(IOptions<PagingOptions> options, IHttpClientFactory http) : IPageSender
{
    public const string ClientName = "paging.sms";

    public PageChannel Channel => PageChannel.Sms;

    public async Task SendAsync(PageMessage page, CancellationToken ct)
    {
        var sms = options.Value.Sms;
        var client = new TwilioRestClient(sms.AccountSid, sms.AuthToken, httpClient: new SystemNetHttpClient(http.CreateClient(ClientName)));
        try
        {
            await MessageResource.CreateAsync(to: new PhoneNumber(page.To), from: new PhoneNumber(sms.From), body: page.Content.Body, client: client);
        }
        catch (ApiException ex)
        {
            var transient = ex.Status is 429 or >= 500;
            throw new DeliveryException(transient ? DeliveryFailure.Transient : DeliveryFailure.Permanent, $"SMS gateway answered {ex.Status} (code {ex.Code})", inner: ex);
        }
        catch (ApiConnectionException ex)
        {
            throw new DeliveryException(DeliveryFailure.Transient, "SMS gateway unreachable", inner: ex);
        }
    }
}
