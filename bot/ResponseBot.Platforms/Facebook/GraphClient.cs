using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.Facebook;

/// <summary>
/// The Graph API as the Page: every call to <c>{ServiceUrl}{GraphVersion}/{path}</c> with the Page access token as a bearer
/// token (in a header, never the query string, so it can't reach a log line with the URL). Errors are
/// <see cref="GraphException"/>; an unreachable or slow Graph is a transient <see cref="DeliveryException"/>.
/// </summary>
public sealed class GraphClient(IHttpClientFactory clients)
{
    public const string ClientName = "facebook";

    private const int MaxBody = 1024 * 1024;

    public Task<JsonObject> GetAsync(AccountOptions page, string path, IEnumerable<(string Key, string? Value)> query, CancellationToken ct)
    {
        var q = string.Join('&', query.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(page, path, q)), page, ct);
    }

    public Task<JsonObject> PostAsync(AccountOptions page, string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, Url(page, path, "")) { Content = new FormUrlEncodedContent(form) }, page, ct);

    // Ids come from webhooks: each path segment is escaped, so an id can only ever name an object, never another path.
    private static Uri Url(AccountOptions page, string path, string query) =>
        new(page.EffectiveServiceUrl(), $"{page.GraphVersion}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}{(query.Length > 0 ? "?" + query : "")}");

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, AccountOptions page, CancellationToken ct)
    {
        using var _ = request;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", page.PageAccessToken);
        var answer = await PlatformHttp.SendAsync(clients.CreateClient(ClientName), request, "Facebook", MaxBody, ct);
        var json = answer.Json as JsonObject;
        if (answer.IsSuccess)
            return json ?? throw new DeliveryException(DeliveryFailure.Transient, "Facebook answered with something that isn't JSON");
        var error = json?["error"] as JsonObject;
        var message = Str(error?["message"]) ?? answer.Reason ?? "Error";
        throw new GraphException(answer.Status, Int(error?["code"]) ?? 0, Int(error?["error_subcode"]), Str(error?["type"]) ?? "Error",
            message.Length > 200 ? message[..200] : message, GraphUsage.RetryAfter(answer.Headers));
    }

    internal static string? Str(JsonNode? node) => PlatformHttp.Str(node);

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
