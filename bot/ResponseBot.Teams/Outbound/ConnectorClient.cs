using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using ResponseBot.Domain;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Teams.Outbound;

/// <summary>
/// The Bot Connector REST calls we make: paced to Teams' limits, retried in-process on throttling and
/// transient failures (honouring Retry-After), and failures classified for the outbox.
/// </summary>
public sealed class ConnectorClient
{
    private readonly HttpClient _http;
    private readonly IConnectorTokenProvider _tokens;
    private readonly ServiceUrlPolicy _policy;
    private readonly ConnectorPacer _pacer;
    private readonly ILogger<ConnectorClient> _log;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    /// <summary>What this connector is called in the metrics.</summary>
    public const string MetricsName = "teams";

    public ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ServiceUrlPolicy policy, ConnectorPacer pacer,
        ConnectorRetry retry, ILogger<ConnectorClient> log) =>
        (_http, _tokens, _policy, _pacer, _retry, _log) = (http, tokens, policy, pacer, retry.Pipeline, log);

    private sealed record ResourceResponse(string? Id);

    public async Task<string> CreateConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken ct)
    {
        var body = new
        {
            bot = new { id = botId },
            members = new[] { new { id = userId } },
            isGroup = false,
            tenantId,
            channelData = new { tenant = new { id = tenantId } },
        };
        var created = await SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", null, body, ct);
        return created?.Id ?? throw new DeliveryException(DeliveryFailure.Permanent, "create conversation returned no id");
    }

    public async Task<string> PostActivityAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct)
    {
        var sent = await SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, Activities(conversationId), conversationId, activity, ct);
        return sent?.Id ?? throw new DeliveryException(DeliveryFailure.Permanent, "send returned no activity id");
    }

    public Task UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, Activities(conversationId, activityId), conversationId, activity, ct);

    // Teams ids contain ':', '@' and ';' (channel threads): always escaped in paths.
    private static string Activities(string conversationId, string? activityId = null) =>
        $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities" + (activityId is null ? "" : "/" + Uri.EscapeDataString(activityId));

    private async Task<T?> SendAsync<T>(HttpMethod method, string serviceUrl, string path, string? conversationId, object? body, CancellationToken ct)
    {
        var url = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        if (!_policy.IsTrusted(url))
            throw new DeliveryException(DeliveryFailure.Permanent, $"service URL host {url.Host} is not trusted");
        var token = await _tokens.GetTokenAsync(ct);
        var response = await CallAsync(method, url, conversationId, body, token, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
        {
            // A token revoked or signed with a key since rolled: MSAL's cache would hand it out until it expires. Once only,
            // so bad credentials can't loop.
            response.Dispose();
            _log.LogWarning("Connector {Method} {Path} answered 401: retrying once with a new token", method, url.AbsolutePath);
            response = await CallAsync(method, url, conversationId, body, await _tokens.RenewAsync(token, ct), ct);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                return string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, ActivityJson.Options);
            }
            var error = await response.Content.ReadAsStringAsync(ct);
            _log.LogWarning("Connector {Method} {Path} answered {Status} (operation {OperationId})",
                method, url.AbsolutePath, (int)response.StatusCode, response.Headers.TryGetValues("X-Correlating-OperationId", out var op) ? op.FirstOrDefault() : null);
            throw Classify(response, error);
        }
    }

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri url, string? conversationId, object? body, string? token, CancellationToken ct)
    {
        try
        {
            return await _retry.ExecuteAsync(async token2 =>
            {
                await _pacer.WaitAsync(conversationId, token2);
                using var request = new HttpRequestMessage(method, url);
                if (body is not null) request.Content = JsonContent.Create(body, options: ActivityJson.Options);
                if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await _http.SendAsync(request, token2);
            }, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, $"connector unreachable: {ex.GetType().Name}", inner: ex);
        }
    }

    /// <summary>
    /// The 403s Teams documents for one person or conversation: blocked or uninstalled the app, the bot not in the roster,
    /// a conversation the bot may not create. Any other 403 (an admin blocking the app for the tenant, or one with no code)
    /// is not evidence against the person, so nobody is marked unreachable on it.
    /// </summary>
    private static readonly HashSet<string> PersonForbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "MessageWritesBlocked", "BotNotInConversationRoster", "ConversationBlockedByUser", "ForbiddenOperationException",
    };

    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static DeliveryException Classify(HttpResponseMessage response, string errorBody)
    {
        var status = (int)response.StatusCode;
        var code = ErrorCode(errorBody);
        var reason = $"connector answered {status}{(code is null ? "" : $" ({code})")}";
        return response.StatusCode switch
        {
            _ when IsTransient(response.StatusCode) => new DeliveryException(DeliveryFailure.Transient, reason, RetryAfter(response)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError => new DeliveryException(DeliveryFailure.Transient, reason),
            // Blocked the bot, removed the app, not in the roster, conversation gone: this person can't be reached.
            HttpStatusCode.Forbidden when (code ?? "").Split(": ").Any(PersonForbidden.Contains) => new DeliveryException(DeliveryFailure.Undeliverable, reason),
            HttpStatusCode.NotFound => new DeliveryException(DeliveryFailure.Undeliverable, reason),
            // Refused for everyone: blocked by the tenant's admin, or a fresh token still not accepted.
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => new DeliveryException(DeliveryFailure.AppRefused, reason),
            // MessageSizeTooBig: the same message will never fit, a smaller one may.
            HttpStatusCode.RequestEntityTooLarge => new DeliveryException(DeliveryFailure.TooLarge, reason),
            _ => new DeliveryException(DeliveryFailure.Permanent, reason),
        };
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>The connector's error code, or a sub-code where it gives one (Teams' <c>MessageWritesBlocked</c>).</summary>
    private static string? ErrorCode(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("error", out var e) || e.ValueKind != JsonValueKind.Object) return null;
            var code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var sub = e.TryGetProperty("subCode", out var sc) && sc.ValueKind == JsonValueKind.String ? sc.GetString() : null;
            return sub is null ? code : code is null ? sub : $"{code}: {sub}";
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
