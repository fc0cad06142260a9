using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Domain;

namespace ResponseBot.Platforms.Bluesky;

/// <summary>An XRPC error as the AT Protocol returns it: {"error": "ExpiredToken", "message": "…"}.</summary>
public sealed class XrpcException(HttpStatusCode status, string error, string message, TimeSpan? retryAfter)
    : Exception($"{(int)status} {error}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string Error { get; } = error;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>For the outbox and the poller: what retrying would do.</summary>
    public DeliveryException ToDelivery(string what) => new(
        Status is HttpStatusCode.TooManyRequests || (int)Status >= 500 ? DeliveryFailure.Transient : DeliveryFailure.Permanent,
        $"{what}: Bluesky answered {(int)Status} {Error}", RetryAfter, this);
}

/// <summary>
/// Plain XRPC over HTTP: queries are GETs, procedures POST JSON. Errors become <see cref="XrpcException"/>; an unreachable
/// server is a transient <see cref="DeliveryException"/>. Bodies are read bounded (a hostile or broken server can't exhaust memory).
/// </summary>
public sealed class XrpcClient(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "bluesky";

    private const int MaxBody = 4 * 1024 * 1024;

    public Task<JsonObject> QueryAsync(Uri service, string nsid, IEnumerable<(string Key, string? Value)> query, string? token, CancellationToken ct)
    {
        var q = string.Join('&', query.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(service, $"xrpc/{nsid}{(q.Length > 0 ? "?" + q : "")}")), token, ct);
    }

    public Task<JsonObject> ProcedureAsync(Uri service, string nsid, JsonObject? body, string? token, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(service, $"xrpc/{nsid}")) { Content = body is null ? null : JsonContent.Create(body) }, token, ct);

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, string? token, CancellationToken ct)
    {
        using var _ = request;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, $"Bluesky unreachable ({ex.GetType().Name})", inner: ex);
        }
        using (response)
        {
            var text = await BoundedBody.ReadAsync(response, MaxBody, "Bluesky", ct);
            JsonObject? json = null;
            try { json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject; }
            catch (JsonException) { }
            if (response.IsSuccessStatusCode)
                return json ?? throw new DeliveryException(DeliveryFailure.Transient, "Bluesky answered with something that isn't JSON");
            throw new XrpcException(response.StatusCode, json?["error"]?.GetValue<string>() ?? "Error", json?["message"]?.GetValue<string>() ?? "",
                RetryAfter(response));
        }
    }

    // Bluesky's rate limits say when the window resets (RateLimit-Reset, unix seconds).
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta) return delta;
        if (response.Headers.TryGetValues("RateLimit-Reset", out var reset) && long.TryParse(reset.FirstOrDefault(), out var unix))
            return DateTimeOffset.FromUnixTimeSeconds(unix) - clock.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        return null;
    }
}
