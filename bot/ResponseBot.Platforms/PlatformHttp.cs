using System.Net;
using System.Net.Http.Headers;
using ResponseBot.Domain;

namespace ResponseBot.Platforms;

/// <summary>A platform's answer: its status, headers and body text (read bounded), whatever the status.</summary>
public sealed record PlatformAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string Text, string? Reason)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// One call to a platform's API, the same way for every platform: no redirect is followed (a token is only ever sent to the
/// configured server, and a reply never re-sent as a GET elsewhere), the body is read bounded, and an unreachable, slow or
/// cut-off server is a transient <see cref="DeliveryException"/>. What a status means is left to the platform's client.
/// </summary>
internal static class PlatformHttp
{
    public static async Task<PlatformAnswer> SendAsync(HttpClient client, HttpRequestMessage request, string platform, int maxBody, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, $"{platform} unreachable ({ex.GetType().Name})", inner: ex);
        }
        using (response)
        {
            if ((int)response.StatusCode is >= 300 and < 400)
                throw new DeliveryException(DeliveryFailure.Permanent, $"{platform} redirected ({(int)response.StatusCode}); check the account's ServiceUrl");
            try
            {
                return new PlatformAnswer(response.StatusCode, response.Headers, await BoundedBody.ReadAsync(response, maxBody, platform, ct), response.ReasonPhrase);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new DeliveryException(DeliveryFailure.Transient, $"{platform}'s answer was cut off ({ex.GetType().Name})", inner: ex);
            }
        }
    }
}
