namespace ResponseBot.Paging;

/// <summary>
/// Twilio's SDK builds every URL from its own host (https://api.twilio.com/2010-04-01/…; region and edge only rename that
/// host). Given to its <c>SystemNetHttpClient</c>, this handler sends the same path and query to <c>Paging:Sms:BaseUrl</c>
/// instead: a proxy, or in tests a local stand-in. Unset, requests go to Twilio untouched.
/// </summary>
public sealed class TwilioHost(Uri baseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { } uri && baseUrl.AbsoluteUri != SmsOptions.TwilioApi)
            request.RequestUri = new Uri(baseUrl, baseUrl.AbsolutePath.TrimEnd('/') + uri.PathAndQuery);
        return base.SendAsync(request, ct);
    }
}
