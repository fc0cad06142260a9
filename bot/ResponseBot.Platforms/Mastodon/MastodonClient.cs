using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.Mastodon;

/// <summary>A Mastodon error as the REST API returns it: the status code, and {"error": "…"} when there is a body.</summary>
public sealed class MastodonException(HttpStatusCode status, string error, TimeSpan? retryAfter) : Exception($"{(int)status} {error}")
{
    public HttpStatusCode Status { get; } = status;
    public string Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>For the outbox and the poller: throttled, timed out or down is worth retrying; anything else is not.</summary>
    public DeliveryException ToDelivery(string what) => new(
        Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500 ? DeliveryFailure.Transient : DeliveryFailure.Permanent,
        Status == HttpStatusCode.Unauthorized
            ? $"{what}: Mastodon refused the access token ({Error})"
            : $"{what}: Mastodon answered {(int)Status} {Error}", RetryAfter, this);
}

/// <summary>What a successful call returned: the JSON body and the Link header's relations (next, prev).</summary>
public sealed record MastodonAnswer(JsonNode Body, IReadOnlyDictionary<string, Uri> Links);

/// <summary>
/// The Mastodon REST API with a user's bearer token. No redirects are followed (a token is only ever sent to the configured
/// instance), bodies are read bounded, and an unreachable or slow instance is a transient <see cref="DeliveryException"/>.
/// </summary>
public sealed class MastodonClient(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "mastodon";

    private const int MaxBody = 4 * 1024 * 1024;

    public async Task<MastodonAnswer> SendAsync(HttpRequestMessage request, string token, CancellationToken ct)
    {
        using var _ = request;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await PlatformHttp.SendAsync(clients.CreateClient(ClientName), request, "Mastodon", MaxBody, ct);
        if (response.IsSuccess) return new MastodonAnswer(PlatformHttp.Body(response, "Mastodon"), Links(response.Headers));
        var error = PlatformHttp.Str((response.Json as JsonObject)?["error"]) ?? response.Reason ?? "Error";
        throw new MastodonException(response.Status, error.Length > 200 ? error[..200] : error, RetryAfter(response.Headers));
    }

    // Mastodon says when its rate-limit window resets (X-RateLimit-Reset, an ISO 8601 timestamp).
    private TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter?.Delta is { } delta) return delta;
        if (headers.TryGetValues("X-RateLimit-Reset", out var reset)
            && DateTimeOffset.TryParse(reset.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }

    /// <summary>RFC 8288 Link: &lt;url&gt;; rel="next", &lt;url&gt;; rel="prev" — by relation.</summary>
    public static IReadOnlyDictionary<string, Uri> ParseLinks(string? header)
    {
        var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (header ?? "").Split(','))
        {
            var open = part.IndexOf('<');
            var close = part.IndexOf('>');
            if (open < 0 || close <= open) continue;
            var rel = part[(close + 1)..].Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("rel=", StringComparison.OrdinalIgnoreCase));
            if (rel is null || !Uri.TryCreate(part[(open + 1)..close].Trim(), UriKind.Absolute, out var url)) continue;
            links.TryAdd(rel[4..].Trim('"'), url);
        }
        return links;
    }

    private static IReadOnlyDictionary<string, Uri> Links(HttpResponseHeaders headers) =>
        ParseLinks(headers.TryGetValues("Link", out var values) ? string.Join(',', values) : null);
}
