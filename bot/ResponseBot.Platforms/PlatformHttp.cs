using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Domain;

namespace ResponseBot.Platforms;

/// <summary>What a platform answered: the status, the headers, and the body as JSON when it is JSON.</summary>
internal sealed record PlatformResponse(HttpStatusCode Status, string? Reason, HttpResponseHeaders Headers, JsonNode? Json)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// One call to a platform's REST API, the same way for every platform: no redirects followed (a token is only ever sent to the
/// configured server), the body read bounded, and an unreachable, slow or cut-off server a transient <see cref="DeliveryException"/>.
/// What the status means is left to the platform's client.
/// </summary>
internal static partial class PlatformHttp
{
    public static async Task<PlatformResponse> SendAsync(HttpClient client, HttpRequestMessage request, string platform, int maxBody, CancellationToken ct)
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
            string text;
            try { text = await BoundedBody.ReadAsync(response, maxBody, platform, ct); }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new DeliveryException(DeliveryFailure.Transient, $"{platform}'s answer was cut off ({ex.GetType().Name})", inner: ex);
            }
            JsonNode? json = null;
            try { json = text.Length == 0 ? null : JsonNode.Parse(text); }
            catch (JsonException) { }
            return new PlatformResponse(response.StatusCode, response.ReasonPhrase, response.Headers, json);
        }
    }

    /// <summary>A successful answer's JSON; one that isn't JSON is a transient failure (a proxy's error page, a broken server).</summary>
    public static JsonNode Body(PlatformResponse response, string platform) =>
        response.Json ?? throw new DeliveryException(DeliveryFailure.Transient, $"{platform} answered with something that isn't JSON");

    /// <summary>
    /// A string field of untrusted JSON, or null when it is missing or not a string. A lone surrogate escape (a post cut
    /// mid-emoji) can't be read as a .NET string, so it is read as U+FFFD instead of failing every poll after it.
    /// </summary>
    public static string? Str(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return null;
        try
        {
            return v.GetValue<string>();
        }
        catch (InvalidOperationException) when (v.TryGetValue<JsonElement>(out var raw))
        {
            return JsonSerializer.Deserialize<string>(LoneSurrogate().Replace(raw.GetRawText(), "\\uFFFD"));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex LoneSurrogate();
}
