using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Application.Views;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Delivery;

/// <summary>
/// Puts a case's card in front of someone and keeps every posted copy current. The network call never holds a
/// transaction: what to send is read in one unit of work, and where it went is recorded in the next.
/// </summary>
public sealed class DeliverCard(IUnitOfWorkFactory db, IChatMessenger messenger, CaseViews views, RotaConfig rota, RoutingSettings routing,
    TimeProvider clock, ILogger<DeliverCard> log)
{
    public async Task SendAsync(long caseId, string recipient, CancellationToken ct)
    {
        ChatAddress address;
        RenderedCard rendered;
        PostedCard? existing;
        await using (var uow = await db.BeginAsync(ct))
        {
            var c = await uow.Cases.GetAsync(caseId, ct) ?? throw new DeliveryException(DeliveryFailure.Permanent, "case not found");
            if (!c.State.IsOpen())
            {
                log.LogInformation("Case {CaseId} was handled before its card reached {StaffId}; not sending", c.Id, recipient);
                return;
            }
            address = TeamChannel.ConversationOf(recipient) is { } channelId
                ? (await uow.Channels.FindAsync(channelId, ct))?.Address ?? throw new DeliveryException(DeliveryFailure.Permanent, "the bot is no longer in that channel")
                : await uow.Staff.FindAddressAsync(recipient, ct) ?? throw new DeliveryException(DeliveryFailure.Undeliverable, "no chat with this person (app not installed)");
            var duty = await uow.DutyAsync(rota, clock.Now(), ct);
            var actor = CaseActors.Holder(address.StaffId, c, duty, rota, await uow.Timers.EscalatedToAsync(c.Id, ct));
            rendered = views.Render(c, new CardViewer(address.StaffId, TeamChannel.ConversationOf(address.StaffId) is null ? address.ChannelUserId : null), actor,
                await views.ThreadAsync(uow, c, ct));
            existing = (await uow.CaseCards.ForCaseAsync(c.Id, ct)).FirstOrDefault(p => p.StaffId == address.StaffId);
            await uow.CommitAsync(ct);
        }

        // Already holding a card for this case (say, an escalation now needing approval): bring that one up to date and
        // nudge, rather than leave a stale copy behind a new one.
        if (existing is not null)
        {
            await messenger.UpdateCardAsync(existing, rendered.Card, rendered.Summary, ct);
            await messenger.SendTextAsync(address, $"{rendered.Summary}: the card above has been updated and needs you.", ct);
            return;
        }
        var sent = await messenger.SendCardAsync(address, rendered.Card, rendered.Summary, ct);
        await using (var uow = await db.BeginAsync(ct))
        {
            var now = clock.Now();
            if (address.ConversationId is null && TeamChannel.ConversationOf(address.StaffId) is null)
                await uow.Staff.SaveAddressAsync(address with { ConversationId = sent.ConversationId }, now, ct);
            var posted = new PostedCard(address.StaffId, address.ServiceUrl, sent.ConversationId, sent.MessageId);
            await uow.CaseCards.RecordAsync(caseId, posted, now, ct);
            await CaseChanges.ApplyAsync(uow, caseId, new SystemEvent.CardDelivered(posted.StaffId, posted.MessageId), now, ct);
            await uow.CommitAsync(ct);
        }
    }

    /// <summary>Replaces every posted copy with the case as it is now, each drawn for the person holding it.</summary>
    public async Task UpdateAsync(long caseId, CancellationToken ct)
    {
        List<(PostedCard Posted, RenderedCard Card)> copies = [];
        await using (var uow = await db.BeginAsync(ct))
        {
            var c = await uow.Cases.GetAsync(caseId, ct) ?? throw new DeliveryException(DeliveryFailure.Permanent, "case not found");
            var thread = await views.ThreadAsync(uow, c, ct);
            var posted = await uow.CaseCards.ForCaseAsync(c.Id, ct);
            if (posted.Count > 0)
            {
                var duty = await uow.DutyAsync(rota, clock.Now(), ct);
                var escalatedTo = await uow.Timers.EscalatedToAsync(c.Id, ct);
                var channelUsers = await uow.Staff.ChannelUserIdsAsync(posted.Select(p => p.StaffId).ToList(), ct);
                foreach (var p in posted)
                {
                    var viewer = new CardViewer(p.StaffId, TeamChannel.ConversationOf(p.StaffId) is null ? channelUsers.GetValueOrDefault(p.StaffId) : null);
                    copies.Add((p, views.Render(c, viewer, CaseActors.Holder(p.StaffId, c, duty, rota, escalatedTo), thread)));
                }
            }
            await uow.CommitAsync(ct);
        }
        foreach (var (posted, card) in copies)
        {
            try
            {
                await messenger.UpdateCardAsync(posted, card.Card, card.Summary, ct);
            }
            catch (DeliveryException ex) when (ex.Failure != DeliveryFailure.Transient)
            {
                // One person's deleted chat must not stop everyone else's card being updated.
                log.LogWarning("Could not update case {CaseId} card for {StaffId}: {Reason}", caseId, posted.StaffId, ex.Message);
            }
        }
    }

    /// <summary>A later change queues another update; nothing goes back to people, but it is not silent.</summary>
    public Task GaveUpUpdatingAsync(long caseId, string reason)
    {
        log.LogError("Gave up updating cards for case {CaseId}: {Reason}", caseId, reason);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The card could not reach <paramref name="recipient"/>. If they can't be reached at all (blocked or removed the app), they
    /// stop being messaged and the case goes to the first backup who is reachable and hasn't been offered it; if nobody is
    /// left the case stays open and goes to whoever is next on duty.
    /// </summary>
    public async Task GiveUpAsync(long caseId, string recipient, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogError("Card for case {CaseId} could not reach {StaffId}: {Reason}", caseId, recipient, reason);
        if (failure != DeliveryFailure.Undeliverable) return;
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        await uow.Staff.MarkUninstalledAsync(recipient, now, ct);
        var offered = await uow.CaseCards.OfferedToAsync(caseId, countFailed: true, ct);
        var next = (await uow.Staff.ReachableAsync(routing.Backup, ct)).FirstOrDefault(id => id != recipient && !offered.Contains(id));
        if (await CaseChanges.ApplyAsync(uow, caseId, new SystemEvent.Rerouted(recipient, reason, next), now, ct) is CaseOutcome.Transition t)
        {
            var to = t.Effects.OfType<CaseEffect.CardTo>().SelectMany(e => e.StaffIds).FirstOrDefault();
            if (to is null) log.LogError("Case {CaseId} has nobody reachable to go to", caseId);
            else log.LogWarning("Case {CaseId} rerouted from {StaffId} to {NextStaffId}", caseId, recipient, to);
        }
        await uow.CommitAsync(ct);
    }
}
