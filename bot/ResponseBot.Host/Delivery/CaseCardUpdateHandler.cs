using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Host.Delivery;

/// <summary>
/// Replaces every posted copy of a case's card with its current state, each rendered for the person
/// holding it (a manager's copy has the approval buttons, the author's doesn't), so nobody acts on a stale one.
/// </summary>
public sealed class CaseCardUpdateHandler(ICaseStore cases, IChatMessenger messenger, CaseViews views, ILogger<CaseCardUpdateHandler> log)
    : IOutboxHandler
{
    public string Kind => OutboxKinds.CaseCardUpdate;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var @case = await cases.GetAsync(message.CaseId!.Value, ct)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, "case not found");
        var thread = await views.ThreadAsync(@case, ct);
        foreach (var posted in await cases.GetPostedCardsAsync(@case.Id, ct))
        {
            try
            {
                var (card, summary) = views.Render(@case, await views.ViewerAsync(posted.StaffId, ct), thread);
                await messenger.UpdateCardAsync(posted, card, summary, ct);
            }
            catch (DeliveryException ex) when (ex.Failure != DeliveryFailure.Transient)
            {
                // One person's deleted chat must not stop everyone else's card being updated.
                log.LogWarning("Could not update case {CaseId} card for {StaffId}: {Reason}", @case.Id, posted.StaffId, ex.Message);
            }
        }
    }

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogError("Gave up updating cards for case {CaseId}: {Reason}", message.CaseId, reason);
        return Task.CompletedTask;
    }
}
