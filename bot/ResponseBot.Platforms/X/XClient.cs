using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.X;

/// <summary>
/// An X API error. X answers in two shapes: problem JSON (<c>{"title", "detail", "type", "status"}</c>, with <c>errors[]</c>
/// on some endpoints) and, from the OAuth 2.0 token endpoint, <c>{"error", "error_description"}</c>. Both become a title and
/// a detail; <see cref="RetryAfter"/> is the time to the rate-limit reset when X gave one.
/// </summary>
public sealed class XException(HttpStatusCode status, string title, string detail, TimeSpan? retryAfter) : Exception($"{(int)status} {title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>X refuses to post the same text twice from one account: then the post being retried is already there.</summary>
    public bool IsDuplicate => Status == HttpStatusCode.Forbidden && Detail.Contains("duplicate", StringComparison.OrdinalIgnoreCase);

    /// <summary>For the outbox and the poller: throttled, timed out or down is worth retrying; anything else is not.</summary>
    public DeliveryException ToDelivery(string what) => new(
        Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500 ? DeliveryFailure.Transient : DeliveryFailure.Permanent,
        $"{what}: X answered {(int)Status} {Detail}", RetryAfter, this);
}

/// <summary>X's rate-limit window as its headers told it: calls left, and when the window resets.</summary>
public sealed record XRateLimit(int? Remaining, Instant? ResetAt)
{
    public bool Exhausted => Remaining == 0 && ResetAt is not null;
}

/// <summary>What a successful call returned: the JSON body and the rate-limit window after it.</summary>
public sealed record XAnswer(JsonObject Body, XRateLimit Limit);

/// <summary>
/// The X API v2 over HTTP (no redirects, bounded bodies, an unreachable or slow API a transient failure). Every answer carries
/// x-rate-limit-remaining and x-rate-limit-reset (unix seconds); X sends no Retry-After, so a 429 is retried at the reset.
/// </summary>
public sealed class XClient(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "x";

    private const int MaxBody = 4 * 1024 * 1024;

    // A reset further away than X's windows (15 minutes, 24 hours for some app limits) is a broken header, not a reason to stop for days.
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(24);

    /// <summary>A call as the account (user-context bearer token).</summary>
    public Task<XAnswer> SendAsync(HttpRequestMessage request, string accessToken, CancellationToken ct) =>
        SendAsync(request, new AuthenticationHeaderValue("Bearer", accessToken), ct);

    /// <summary>A call with the given authorization (Basic for a confidential client at the token endpoint, or none).</summary>
    public async Task<XAnswer> SendAsync(HttpRequestMessage request, AuthenticationHeaderValue? authorization, CancellationToken ct)
    {
        using var _ = request;
        request.Headers.Authorization = authorization;
        var response = await PlatformHttp.SendAsync(clients.CreateClient(ClientName), request, "X", MaxBody, ct);
        var limit = RateLimit(response.Headers);
        if (response.IsSuccess)
            return new XAnswer(PlatformHttp.Body(response, "X") as JsonObject
                ?? throw new DeliveryException(DeliveryFailure.Transient, "X answered with JSON that isn't an object"), limit);
        var (title, detail) = Problem(response.Json as JsonObject, response.Reason ?? "Error");
        // The reset only says when to come back when the window is what refused us (a 429, or nothing left in it).
        var throttled = response.Status == HttpStatusCode.TooManyRequests || limit.Exhausted;
        var wait = response.Headers.RetryAfter?.Delta ?? (throttled && limit.ResetAt is { } reset ? (reset - clock.Now()).ToTimeSpan() : null);
        throw new XException(response.Status, Cut(title), Cut(detail),
            wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, LongestWait.Ticks)) : null);
    }

    /// <summary>The title and detail of an error body in any of X's shapes; the reason phrase when there is no body.</summary>
    public static (string Title, string Detail) Problem(JsonObject? body, string reason)
    {
        var first = (body?["errors"] as JsonArray)?.FirstOrDefault() as JsonObject;
        var title = PlatformHttp.Str(body?["title"]) ?? PlatformHttp.Str(body?["error"]) ?? PlatformHttp.Str(first?["title"]) ?? reason;
        var detail = PlatformHttp.Str(body?["detail"]) ?? PlatformHttp.Str(body?["error_description"])
            ?? PlatformHttp.Str(first?["detail"]) ?? PlatformHttp.Str(first?["message"]) ?? title;
        return (title, detail);
    }

    private static XRateLimit RateLimit(HttpResponseHeaders headers)
    {
        int? remaining = headers.TryGetValues("x-rate-limit-remaining", out var r) && int.TryParse(r.FirstOrDefault(), out var left) ? left : null;
        Instant? reset = headers.TryGetValues("x-rate-limit-reset", out var s) && long.TryParse(s.FirstOrDefault(), out var unix) && unix is > 0 and < 32_503_680_000
            ? Instant.FromUnixTimeSeconds(unix) : null;
        return new XRateLimit(remaining, reset);
    }

    private static string Cut(string text) => text.Length > 200 ? text[..200] : text;
}
