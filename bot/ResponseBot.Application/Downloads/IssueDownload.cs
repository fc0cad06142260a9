using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Delivery;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Application.Downloads;

/// <summary>A file offered through a download link, as the endpoint serves it.</summary>
public sealed record DownloadFile(string FileName, string ContentType, byte[] Body);

/// <summary>The card (with its notification summary) or the text that carries a link, with <see cref="IssueDownload.Link"/> where it goes.</summary>
public sealed record DownloadMessage(JsonObject? Card, string? Summary, string? Text = null);

/// <summary>
/// Short-lived download links, for any use case that hands someone a file (a report's CSV, an export). The file is kept in the
/// caller's unit of work with the message that will carry its link; the link's token is made only as that message is sent and
/// only its hash stored, so a working link never rests in the database or the outbox. Whoever holds the link may download the
/// file until it expires (<c>Downloads:Expiry</c>), as a calendar app holds a feed link: it goes only to the person it was made for.
/// </summary>
public sealed class IssueDownload(IUnitOfWorkFactory db, DownloadSettings settings, DeliverMessage deliver, TimeProvider clock, ILogger<IssueDownload> log)
{
    /// <summary>Stands where the link goes until the message is sent: a well-formed https URL, so a card holding it validates.</summary>
    public const string LinkStandIn = "https://download-link.invalid/";

    public static readonly Uri Link = new(LinkStandIn);

    public const string Expired = "That file's link could not be sent before the file expired: ask for it again.";

    public bool IsEnabled => settings.IsEnabled;

    public Duration Expiry => settings.Expiry;

    /// <summary>In the caller's unit of work: keeps the file and queues the message that will carry its link to <paramref name="recipient"/>.</summary>
    public async Task QueueAsync(IUnitOfWork uow, string recipient, DownloadFile file, DownloadMessage message, Instant now, CancellationToken ct)
    {
        if (!settings.IsEnabled) throw new InvalidOperationException("Download links are not set up (Downloads:PublicBaseUrl).");
        var id = await uow.Downloads.SaveAsync(recipient, file, now, now + settings.Expiry, ct);
        await uow.Outbox.EnqueueAsync(OutboxKinds.DownloadLink, null, recipient, JsonSerializer.Serialize(new LinkPayload(id, message)), now, now, ct);
    }

    // A retry after a send whose outcome was lost makes another token: the person may get two links, and only the newer works.
    public async Task SendAsync(string recipient, string? payload, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<LinkPayload>(payload ?? "null") ?? throw new DeliveryException(DeliveryFailure.Permanent, "download link message without a payload");
        var token = SecretTokens.New();
        bool issued;
        await using (var uow = await db.BeginAsync(ct))
        {
            issued = await uow.Downloads.IssueAsync(p.DownloadId, SecretTokens.Hash(token), clock.Now() + settings.Expiry, ct);
            await uow.CommitAsync(ct);
        }
        if (!issued)
        {
            log.LogWarning("Download {DownloadId} expired before its link reached {StaffId}", p.DownloadId, recipient);
            await deliver.TextAsync(recipient, Expired, ct);
            return;
        }
        log.LogInformation("Issued a link to download {DownloadId} to {StaffId}", p.DownloadId, recipient);
        var url = settings.Url(token);
        if (p.Message.Card is { } card) await deliver.CardAsync(recipient, WithLink(card, url), p.Message.Summary ?? "", ct);
        else await deliver.TextAsync(recipient, (p.Message.Text ?? "").Replace(LinkStandIn, url, StringComparison.Ordinal), ct);
    }

    /// <summary>The file for a link; null when the token opens nothing (unknown, malformed or expired), which the caller must not tell apart.</summary>
    public async Task<DownloadFile?> ReadAsync(string token, CancellationToken ct)
    {
        if (!SecretTokens.IsWellFormed(token)) return null;
        await using var uow = await db.BeginAsync(ct);
        var file = await uow.Downloads.FindAsync(SecretTokens.Hash(token), clock.Now(), ct);
        if (file is null) log.LogInformation("Download asked for with an unknown or expired token");
        else log.LogInformation("Download {FileName} served", file.FileName);
        return file;
    }

    private static JsonObject WithLink(JsonObject card, string url)
    {
        var copy = card.DeepClone().AsObject();
        foreach (var node in Strings(copy).Where(n => n.GetValue<string>() == LinkStandIn).ToList())
            node.ReplaceWith(url);
        return copy;
    }

    private static IEnumerable<JsonValue> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v],
        _ => [],
    };

    private sealed record LinkPayload(long DownloadId, DownloadMessage Message);
}
