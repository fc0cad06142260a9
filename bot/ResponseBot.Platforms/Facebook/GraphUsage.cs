using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// How long Graph says to wait before calling again (Graph API → Rate Limits,
/// https://developers.facebook.com/docs/graph-api/overview/rate-limiting): a Page token's calls are counted per business use
/// case, and <c>X-Business-Use-Case-Usage</c> (like <c>X-App-Usage</c> and <c>X-Page-Usage</c>) carries JSON whose
/// <c>estimated_time_to_regain_access</c> is in minutes. A <c>Retry-After</c> wins when there is one.
/// </summary>
public static class GraphUsage
{
    private static readonly string[] Headers = ["X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage"];

    /// <summary>When a throttled answer gives no estimate: long enough not to spend the next window's calls at once.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter?.Delta is { } delta) return delta;
        double? minutes = null;
        foreach (var name in Headers)
            if (headers.TryGetValues(name, out var values))
                foreach (var value in values)
                    if (Estimate(value) is { } m && (minutes is null || m > minutes)) minutes = m;
        return minutes is { } found ? TimeSpan.FromMinutes(Math.Min(found, Longest.TotalMinutes)) : null;
    }

    // The estimate may sit at any depth ({"<business id>": [{"type": "pages", ..., "estimated_time_to_regain_access": 19}]}).
    private static double? Estimate(string json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException) { return null; }
        return Walk(root).Max();
    }

    private static IEnumerable<double?> Walk(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "estimated_time_to_regain_access" && p.Value is JsonValue v && v.TryGetValue<double>(out var m) && m >= 0
            ? [m] : Walk(p.Value)),
        JsonArray a => a.SelectMany(Walk),
        _ => [],
    };
}
