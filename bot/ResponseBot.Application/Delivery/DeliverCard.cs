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
    /// <summary>What a card sent again after an interruption says first: Teams may be showing the first copy too.</summary>
    public const string SentAgainNotice = "Sent again after an interruption: if this case is just above as well, either card works.";

    /// <param name="mayBeThereAlready">An earlier attempt may have posted it (its outcome was never recorded): Teams takes no
    /// idempotency key, so the card is posted again saying so, rather than risk the person never getting it.</param>
    public async Task SendAsync(long caseId, string recipient, CancellationToken ct, bool mayBeThereAlready = false)
    {
        ChatAddress address;
        RenderedCard rendered, compact;
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
                : await uow.Staff.FindAddressAsync(recipient, ct) ?? throw new DeliveryException(DeliveryFailure.Undeliverable, DeliveryException.NoChat);
            var duty = await uow.DutyAsync(rota, clock.Now(), ct);
            var actor = CaseActors.Holder(address.StaffId, c, duty, rota, await uow.Timers.EscalatedToAsync(c.Id, ct));
            var viewer = new CardViewer(address.StaffId, TeamChannel.ConversationOf(address.StaffId) is null ? address.ChannelUserId : null);
            var thread = await views.ThreadAsync(uow, c, ct);
            var preElection = await views.PreElectionAsync(uow, c, ct);
            existing = (await uow.CaseCards.ForCaseAsync(c.Id, ct)).FirstOrDefault(p => p.StaffId == address.StaffId);
            // A copy recorded is the one: it is brought up to date below, and there is no second copy to warn of.
            var notice = mayBeThereAlready && existing is null ? SentAgainNotice : null;
            rendered = views.Render(c, viewer, actor, thread, notice, preElection: preElection);
            compact = views.Render(c, viewer, actor, thread, notice, compact: true, preElection: preElection);
            await uow.CommitAsync(ct);
        }

        // Already holding a card for this case (say, an escalation now needing approval): bring that one up to date and
        // nudge, rather than leave a stale copy behind a new one.
        if (existing is not null)
        {
            await FittingAsync(caseId, address.StaffId, rendered, compact, card => messenger.UpdateCardAsync(existing, card.Card, card.Summary, ct));
            await messenger.SendTextAsync(address, $"{rendered.Summary}: the card above has been updated and needs you.", ct);
            return;
        }
        if (mayBeThereAlready) log.LogWarning("Case {CaseId} card for {StaffId} may have been posted before an interruption; posting it again, marked", caseId, address.StaffId);
        var sent = await FittingAsync(caseId, address.StaffId, rendered, compact, card => messenger.SendCardAsync(address, card.Card, card.Summary, ct));
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

    /// <summary>The full card, or the compact one when Teams refuses the full one as too big. A compact card refused too is
    /// given up on by the outbox, which tells the rota (<see cref="GiveUpAsync"/>).</summary>
    private async Task<T> FittingAsync<T>(long caseId, string staffId, RenderedCard full, RenderedCard compact, Func<RenderedCard, Task<T>> send)
    {
        try
        {
            return await send(full);
        }
        catch (DeliveryException ex) when (ex.Failure == DeliveryFailure.TooLarge)
        {
            log.LogWarning("Case {CaseId} card for {StaffId} was too big for Teams ({Reason}); sending the compact card", caseId, staffId, ex.Message);
            return await send(compact);
        }
    }

    private Task FittingAsync(long caseId, string staffId, RenderedCard full, RenderedCard compact, Func<RenderedCard, Task> send) =>
        FittingAsync(caseId, staffId, full, compact, async card => { await send(card); return true; });

    /// <summary>Replaces every posted copy with the case as it is now, each drawn for the person holding it.</summary>
    public async Task UpdateAsync(long caseId, CancellationToken ct)
    {
        List<(PostedCard Posted, RenderedCard Card, RenderedCard Compact)> copies = [];
        await using (var uow = await db.BeginAsync(ct))
        {
            var c = await uow.Cases.GetAsync(caseId, ct) ?? throw new DeliveryException(DeliveryFailure.Permanent, "case not found");
            var thread = await views.ThreadAsync(uow, c, ct);
            var preElection = await views.PreElectionAsync(uow, c, ct);
            var posted = await uow.CaseCards.ForCaseAsync(c.Id, ct);
            if (posted.Count > 0)
            {
                var duty = await uow.DutyAsync(rota, clock.Now(), ct);
                var escalatedTo = await uow.Timers.EscalatedToAsync(c.Id, ct);
                var channelUsers = await uow.Staff.ChannelUserIdsAsync(posted.Select(p => p.StaffId).ToList(), ct);
                foreach (var p in posted)
                {
                    var viewer = new CardViewer(p.StaffId, TeamChannel.ConversationOf(p.StaffId) is null ? channelUsers.GetValueOrDefault(p.StaffId) : null);
                    var actor = CaseActors.Holder(p.StaffId, c, duty, rota, escalatedTo);
                    copies.Add((p, views.Render(c, viewer, actor, thread, preElection: preElection),
                        views.Render(c, viewer, actor, thread, compact: true, preElection: preElection)));
                }
            }
            await uow.CommitAsync(ct);
        }
        foreach (var (posted, card, compact) in copies)
        {
            try
            {
                await FittingAsync(caseId, posted.StaffId, card, compact, c => messenger.UpdateCardAsync(posted, c.Card, c.Summary, ct));
            }
            catch (DeliveryException ex) when (ex.Failure is DeliveryFailure.Undeliverable or DeliveryFailure.Permanent or DeliveryFailure.TooLarge)
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
    /// The card could not reach <paramref name="recipient"/>, and it is never left at that. If they can't be reached at all
    /// (blocked or removed the app), they stop being messaged and the case goes to the first backup who is reachable and
    /// hasn't been offered it; if nobody is left, the managers are told. If the card itself was refused (even compact) or the
    /// chat service kept failing, the recipient and the manager on duty get a short text notice instead. Either way the case
    /// stays open with its escalation timer running, and the attempt is in the decision log.
    /// </summary>
    public async Task GiveUpAsync(long caseId, string recipient, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogError("Card for case {CaseId} could not reach {StaffId}: {Reason}", caseId, recipient, reason);
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        var tell = views.ManagersToAsk(await uow.DutyAsync(rota, now, ct), recipient);
        var name = (await uow.Staff.NamesAsync([recipient], ct)).GetValueOrDefault(recipient);
        if (failure != DeliveryFailure.Undeliverable)
        {
            await CaseChanges.ApplyAsync(uow, caseId, new SystemEvent.CardNotShown(recipient, reason, tell, name), now, ct);
            await uow.CommitAsync(ct);
            return;
        }
        if (reason != DeliveryException.NoChat) await uow.Staff.MarkUninstalledAsync(recipient, now, ct);
        var offered = await uow.CaseCards.OfferedToAsync(caseId, countFailed: true, ct);
        var next = (await uow.Staff.ReachableAsync(routing.Backup, ct)).FirstOrDefault(id => id != recipient && !offered.Contains(id));
        if (await CaseChanges.ApplyAsync(uow, caseId, new SystemEvent.Rerouted(recipient, reason, next, tell, name), now, ct) is CaseOutcome.Transition t)
        {
            var to = t.Effects.OfType<CaseEffect.CardTo>().SelectMany(e => e.StaffIds).FirstOrDefault();
            if (to is null) log.LogError("Case {CaseId} has nobody reachable to go to; managers told: {Told}", caseId, tell);
            else log.LogWarning("Case {CaseId} rerouted from {StaffId} to {NextStaffId}", caseId, recipient, to);
        }
        await uow.CommitAsync(ct);
    }
}
