using Microsoft.Extensions.Options;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Delivery;

/// <summary>Puts a case's card in front of a member of staff and remembers where it went.</summary>
public sealed class CaseCardHandler(
    ICaseStore cases, IStaffStore staff, ITeamChannelStore channels, IChatMessenger messenger, CaseViews views, IOptions<RoutingOptions> routing,
    TimeProvider clock, ILogger<CaseCardHandler> log)
    : IOutboxHandler
{
    public string Kind => OutboxKinds.CaseCard;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var @case = await cases.GetAsync(message.CaseId!.Value, ct)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, "case not found");
        if (!@case.State.IsOpen())
        {
            log.LogInformation("Case {CaseId} was handled before its card reached {StaffId}; not sending", @case.Id, message.Recipient);
            return;
        }
        var address = TeamChannel.ConversationOf(message.Recipient!) is { } channelId
            ? (await channels.FindAsync(channelId, ct))?.Address ?? throw new DeliveryException(DeliveryFailure.Permanent, "the bot is no longer in that channel")
            : await staff.FindAddressAsync(message.Recipient!, ct)
              ?? throw new DeliveryException(DeliveryFailure.Undeliverable, "no chat with this person (app not installed)");

        var viewer = await views.ViewerAsync(address.StaffId, ct);
        var (card, summary) = await views.RenderAsync(@case, viewer, ct);
        // Already holding a card for this case (say, an escalation now needing approval): bring that
        // one up to date and nudge, rather than leave a stale copy behind a new one.
        if ((await cases.GetPostedCardsAsync(@case.Id, ct)).FirstOrDefault(p => p.StaffId == address.StaffId) is { } existing)
        {
            await messenger.UpdateCardAsync(existing, card, summary, ct);
            await messenger.SendTextAsync(address, $"{summary}: the card above has been updated and needs you.", ct);
            return;
        }
        var sent = await messenger.SendCardAsync(address, card, summary, ct);
        if (address.ConversationId is null && TeamChannel.ConversationOf(address.StaffId) is null)
            await staff.SaveAddressAsync(address with { ConversationId = sent.ConversationId }, clock.GetUtcNow(), ct);
        await cases.RecordCardPostedAsync(@case.Id, new PostedCard(address.StaffId, address.ServiceUrl, sent.ConversationId, sent.MessageId), clock.GetUtcNow(), ct);
    }

    public async Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogError("Card for case {CaseId} could not reach {StaffId}: {Reason}", message.CaseId, message.Recipient, reason);
        if (failure != DeliveryFailure.Undeliverable) return;
        // This person can't be reached at all: offer the case to the next one. If nobody is left the
        // case stays open and goes to whoever next goes on call.
        var next = await cases.RerouteAsync(message.CaseId!.Value, message.Recipient!, reason, routing.Value.Backup, clock.GetUtcNow(), ct);
        if (next is null) log.LogError("Case {CaseId} has nobody reachable to go to", message.CaseId);
        else log.LogWarning("Case {CaseId} rerouted from {StaffId} to {NextStaffId}", message.CaseId, message.Recipient, next);
    }
}
