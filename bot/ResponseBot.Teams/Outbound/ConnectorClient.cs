using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Domain;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Teams.Outbound;

/// <summary>The Bot Connector REST calls we make, with failures classified for the outbox.</summary>
public sealed class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ServiceUrlPolicy policy, ILogger<ConnectorClient> log)
{
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
        var created = await SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", body, ct);
        return created?.Id ?? throw new DeliveryException(DeliveryFailure.Permanent, "create conversation returned no id");
    }

    public async Task<string> PostActivityAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct)
    {
        var sent = await SendAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, ct);
        return sent?.Id ?? throw new DeliveryException(DeliveryFailure.Permanent, "send returned no activity id");
    }

    public Task UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendAsync<ResourceResponse>(HttpMethod.Put, serviceUrl,
            $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, ct);

    private async Task<T?> SendAsync<T>(HttpMethod method, string serviceUrl, string path, object body, CancellationToken ct)
    {
        var url = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);
        if (!policy.IsTrusted(url))
            throw new DeliveryException(DeliveryFailure.Permanent, $"service URL host {url.Host} is not trusted");

        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: ActivityJson.Options) };
        if (await tokens.GetTokenAsync(ct) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, $"connector unreachable: {ex.GetType().Name}", inner: ex);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                return string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, ActivityJson.Options);
            }
            var error = await response.Content.ReadAsStringAsync(ct);
            log.LogWarning("Connector {Method} {Path} answered {Status} (operation {OperationId})",
                method, url.AbsolutePath, (int)response.StatusCode, response.Headers.TryGetValues("X-Correlating-OperationId", out var op) ? op.FirstOrDefault() : null);
            throw Classify(response, error);
        }
    }

    public static DeliveryException Classify(HttpResponseMessage response, string errorBody)
    {
        var status = (int)response.StatusCode;
        var reason = $"connector answered {status}{ErrorCode(errorBody)}";
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout
                or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                or HttpStatusCode.GatewayTimeout => new DeliveryException(DeliveryFailure.Transient, reason, RetryAfter(response)),
            // Blocked the bot, removed the app, not in the roster, conversation gone: this person can't be reached.
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound => new DeliveryException(DeliveryFailure.Undeliverable, reason),
            _ => new DeliveryException(DeliveryFailure.Permanent, reason),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };

    private static string ErrorCode(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
                   && e.TryGetProperty("code", out var code) ? $" ({code.GetString()})" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
