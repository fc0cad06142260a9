using System.Net;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// A Graph API error as Meta returns it (Graph API → Handling Errors,
/// https://developers.facebook.com/docs/graph-api/guides/error-handling):
/// <c>{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}</c>, with the HTTP status it came with.
/// </summary>
public sealed class GraphException(HttpStatusCode status, int code, int? subcode, string type, string error, TimeSpan? retryAfter)
    : Exception($"{(int)status} {type} {code}: {error}")
{
    public HttpStatusCode Status { get; } = status;
    public int Code { get; } = code;
    public int? Subcode { get; } = subcode;
    public string Type { get; } = type;
    public string Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    // 4 app, 17 user, 32 Page, 613 per-call and 80001 Page (business use case) request limits.
    private static readonly HashSet<int> Throttles = [4, 17, 32, 613, 80001];

    /// <summary>Rate limited: the call may be made again once the platform's usage window allows.</summary>
    public bool IsThrottled => Status == HttpStatusCode.TooManyRequests || Throttles.Contains(Code);

    /// <summary>The token is expired, revoked or invalid (190, or 102 for an old session): nothing works until it is replaced.</summary>
    public bool IsTokenRefused => Code is 190 or 102;

    /// <summary>The object is gone: deleted, or no longer visible to the Page (100 with subcode 33, or a 404).</summary>
    public bool IsGone => (Code == 100 && Subcode == 33) || Status == HttpStatusCode.NotFound;

    /// <summary>
    /// For the outbox: throttled, down or timed out is worth retrying (after the platform's usage wait); a refused token names the
    /// setting to renew; anything else is not going to work on a second try.
    /// </summary>
    public DeliveryException ToDelivery(string what, string accountId)
    {
        if (IsThrottled) return new(DeliveryFailure.Transient, $"{what}: Facebook is rate limiting the Page (code {Code})",
            RetryAfter ?? GraphUsage.DefaultWait, this);
        if (Code is 1 or 2 || (int)Status >= 500 || Status == HttpStatusCode.RequestTimeout)
            return new(DeliveryFailure.Transient, $"{what}: Facebook answered {(int)Status} (code {Code}: {Error})", RetryAfter, this);
        if (IsTokenRefused)
            return new(DeliveryFailure.Permanent,
                $"{what}: Facebook refused the Page access token (code {Code}: {Error}); renew Accounts:{accountId}:PageAccessToken", inner: this);
        if (IsGone)
            return new(DeliveryFailure.Permanent, $"{what}: the comment is gone from Facebook (deleted, or no longer visible to the Page)", inner: this);
        return new(DeliveryFailure.Permanent, $"{what}: Facebook answered {(int)Status} (code {Code}: {Error})", inner: this);
    }
}
