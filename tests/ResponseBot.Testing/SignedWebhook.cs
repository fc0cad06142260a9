using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Testing;

/// <summary>Builds mentions in the documented webhook shape and posts them signed, as a listening tool would.</summary>
public static class SignedWebhook
{
    public static JsonObject Mention(string id, string text, string account = BotHost.AccountId, string handle = "resident42", string name = "A Resident") => new()
    {
        ["account"] = account,
        ["id"] = id,
        ["author"] = new JsonObject { ["handle"] = handle, ["name"] = name, ["url"] = $"https://social.example/@{handle}" },
        ["text"] = text,
        ["url"] = $"https://social.example/posts/{id}",
        ["createdAt"] = "2026-11-21T22:15:00Z",
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, JsonObject mention, string secret = BotHost.Secret, long? timestamp = null) =>
        PostRawAsync(http, Encoding.UTF8.GetBytes(mention.ToJsonString()), secret, timestamp);

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient http, byte[] body, string? secret = BotHost.Secret, long? timestamp = null, string? signature = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/generic") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, ts.ToString());
        if (signature is not null || secret is not null)
            request.Headers.Add(WebhookSignature.SignatureHeader, signature ?? WebhookSignature.Sign(secret!, ts, body));
        return http.SendAsync(request);
    }

    public static async Task<long> CaseIdAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("caseId").GetInt64();
    }
}
