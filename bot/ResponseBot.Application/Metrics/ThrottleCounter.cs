using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Domain.Accounts;

namespace ResponseBot.Application.Metrics;

/// <summary>
/// Counts every 429 a client gets, each attempt of a retried call included: the one place that sees them all, whichever
/// client or retry policy is above it.
/// </summary>
public sealed class ThrottleCounter(ResponseBotMetrics metrics, string connector) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests) metrics.Throttled(connector);
        return response;
    }
}

public static class ThrottleCounting
{
    /// <summary>Counts this client's 429s under <paramref name="connector"/> ("teams", or the platform's name).</summary>
    public static IHttpClientBuilder CountThrottling(this IHttpClientBuilder builder, string connector) =>
        builder.AddHttpMessageHandler(sp => new ThrottleCounter(sp.GetRequiredService<ResponseBotMetrics>(), connector));

    /// <summary>Counts this platform client's 429s under the platform's name in lower case ("x", "bluesky", "generic").</summary>
    public static IHttpClientBuilder CountThrottling(this IHttpClientBuilder builder, Platform platform) =>
        builder.CountThrottling(platform.ToString().ToLowerInvariant());
}
