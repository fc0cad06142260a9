using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Application.Paging;

/// <summary>
/// Sends one page (an outbox message): the case and the person's current address are read, the page written from the case,
/// sent with no transaction held, and <c>paged</c> logged with the channel and staff id — never the address or number.
/// </summary>
public sealed class SendPage(IUnitOfWorkFactory db, PagingSettings paging, IEnumerable<IPageSender> senders, IAccountDirectory accounts, TimeProvider clock, ILogger<SendPage> log)
{
    public async Task RunAsync(long outboxId, long caseId, string staffId, PageChannel channel, string reason, CancellationToken ct)
    {
        PageMessage page;
        await using (var uow = await db.BeginAsync(ct))
        {
            // Sent already, and only the outbox's completion was lost: never page twice.
            if (await uow.Pages.SentAsync(caseId, outboxId, ct)) return;
            var c = await uow.Cases.GetAsync(caseId, ct) ?? throw new DeliveryException(DeliveryFailure.Permanent, "no such case");
            // Removed (or changed) since the page was decided: the person's wish now counts.
            if ((await uow.Contacts.FindAsync(staffId, ct))?.For(channel) is not { } address)
            {
                await uow.Log.AppendAsync(Entry(caseId, DecisionActions.NotPaged, staffId, channel, reason, outboxId, "no address registered for this channel any more"), ct);
                await uow.CommitAsync(ct);
                return;
            }
            var postedAs = accounts.Find(c.Mention.AccountId)?.PostedAs ?? c.Mention.AccountId;
            page = new PageMessage(address, PageText.For(channel, c, reason, postedAs), $"page-{outboxId}");
        }
        // Queued before a restart that switched the channel off: there is nowhere to send it.
        var sender = senders.FirstOrDefault(s => s.Channel == channel && paging.Channels.Contains(channel))
            ?? throw new DeliveryException(DeliveryFailure.Permanent, $"paging by {channel} is not configured");
        await sender.SendAsync(page, ct);
        await using var record = await db.BeginAsync(ct);
        await record.Log.AppendAsync(Entry(caseId, DecisionActions.Paged, staffId, channel, reason, outboxId, null), ct);
        await record.CommitAsync(ct);
        log.LogInformation("Case {CaseId}: paged {StaffId} by {Channel} ({Reason})", caseId, staffId, channel, reason);
    }

    public async Task GiveUpAsync(long outboxId, long caseId, string staffId, PageChannel channel, string reason, string failure, CancellationToken ct)
    {
        log.LogWarning("Case {CaseId}: page to {StaffId} by {Channel} not sent: {Failure}", caseId, staffId, channel, failure);
        await using var uow = await db.BeginAsync(ct);
        await uow.Log.AppendAsync(Entry(caseId, DecisionActions.PageFailed, staffId, channel, reason, outboxId, failure), ct);
        await uow.CommitAsync(ct);
    }

    private DecisionEntry Entry(long caseId, string action, string staffId, PageChannel channel, string why, long outboxId, string? reason) =>
        DecisionEntry.System(caseId, clock.Now(), action,
            JsonSerializer.Serialize(new { staffId, channel = channel == PageChannel.Email ? "email" : "sms", why, outboxId }), reason: reason);
}
