using System.Net;
using System.Text.Json;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Generic;

/// <summary>
/// Publishes to a generic account's ReplyUrl: a signed POST of {inReplyTo, text, caseId, kind}. The
/// Idempotency-Key is stable per case and kind (reply or holding), so a receiver can drop the duplicate that an at-least-once
/// retry after a lost response would otherwise produce.
/// </summary>
public sealed class GenericWebhookPublisher(HttpClient http, AccountDirectory accounts, TimeProvider clock) : IReplyPublisher
{
    public Platform Platform => Platform.Generic;

    public async Task<PublishedReply> PublishAsync(CaseRecord @case, string text, ReplyKind kind, CancellationToken ct)
    {
        var account = accounts.Settings(@case.Mention.AccountId)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, $"account {@case.Mention.AccountId} is no longer configured");
        var name = kind == ReplyKind.Holding ? "holding" : "reply";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { inReplyTo = @case.Mention.ExternalId, text, caseId = @case.Id, kind = name });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, account.ReplyUrl)
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(account.WebhookSecret!, timestamp, body));
        request.Headers.Add("Idempotency-Key", IdempotencyKey(@case.Id, name, text));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryException(DeliveryFailure.Transient, $"reply receiver unreachable ({ex.GetType().Name})", inner: ex);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return await ReadPublishedAsync(response, ct);
            var status = (int)response.StatusCode;
            // Never followed: a reply goes only where it was configured to, and is not re-sent as a body-less GET elsewhere.
            if (status is >= 300 and < 400)
                throw new DeliveryException(DeliveryFailure.Permanent, $"reply receiver redirected ({status}); replies are only posted to the configured ReplyUrl");
            var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
            throw new DeliveryException(transient ? DeliveryFailure.Transient : DeliveryFailure.Permanent,
                $"reply receiver answered {status}", response.Headers.RetryAfter?.Delta);
        }
    }

    /// <summary>
    /// Stable for the same case, kind and text, so a receiver drops the duplicate an at-least-once retry makes; a corrected
    /// text after a failure is a new key, so it is not dropped as a repeat.
    /// </summary>
    public static string IdempotencyKey(long caseId, string kind, string text) =>
        $"responsebot-case-{caseId}-{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16]}";

    private const int MaxAnswerBytes = 16 * 1024;

    /// <summary>An optional {"id": "...", "url": "..."} in the receiver's answer identifies the posted reply. Read bounded.</summary>
    private static async Task<PublishedReply> ReadPublishedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxAnswerBytes + 1];
        var length = 0;
        for (int read; length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0;) length += read;
        if (length == 0 || length > MaxAnswerBytes) return new PublishedReply(null);
        var raw = buffer.AsMemory(0, length);
        try
        {
            using var doc = JsonDocument.Parse(raw);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return new PublishedReply(null);
            string? Read(string name) => doc.RootElement.TryGetProperty(name, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null
                : null;
            return new PublishedReply(Read("id"), Read("url"));
        }
        catch (JsonException)
        {
            return new PublishedReply(null);
        }
    }
}
