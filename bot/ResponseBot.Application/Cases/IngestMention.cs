using ResponseBot.Domain;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Elections;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Application.Cases;

public sealed record IngestResult(long CaseId, bool Created);

/// <summary>
/// A public mention arrives, from any source. One unit of work: the case stored once per (account, external id) with its
/// flags and respond-by time, logged, routed to whoever is on call now (and the team channel), its acknowledgement timer
/// started and any holding reply queued. Committed before the caller acknowledges the mention.
/// </summary>
public sealed class IngestMention(IUnitOfWorkFactory db, IAccountDirectory accounts, ReplyPolicy policy, RotaConfig rota, RoutingSettings routing,
    TimeProvider clock, ILogger<IngestMention> log)
{
    public async Task<IngestResult> RunAsync(Mention mention, CancellationToken ct)
    {
        var now = clock.Now();
        var flags = Flags.For(mention.Text);
        await using var uow = await db.BeginAsync(ct);
        if (await uow.Cases.InsertAsync(mention, flags, policy.RespondBy(now, flags), now, ct) is not { } id)
        {
            var existing = await uow.Cases.FindIdAsync(mention.AccountId, mention.ExternalId, ct);
            await uow.CommitAsync(ct);
            return new IngestResult(existing, Created: false);
        }
        var answered = mention.InReplyTo is { } parent ? await uow.Cases.FindByPostAsync(mention.AccountId, parent, ct) : null;
        var thread = Conversations.ThreadOf(answered,
            answered is null ? await uow.Cases.LastFromAuthorAsync(mention.AccountId, mention.Author.Handle, id, ct) : null, now);
        if (thread is { } threadCaseId) await uow.Cases.SetThreadAsync(id, threadCaseId, ct);
        await uow.Log.AppendAsync(DecisionEntry.System(id, now, DecisionActions.Received,
            JsonSerializer.Serialize(new { account = mention.AccountId, externalId = mention.ExternalId, flags, thread }), mention.Text, toState: CaseState.New), ct);

        var plan = await uow.PlanAroundAsync(rota, now, ct);
        var channel = await routing.ChannelAsync(uow, ct);
        await uow.LockRoutingAsync(ct);
        // Takeovers are read under the routing lock, so one committing at the same moment is either seen here or,
        // if it commits after, hands this case to the new officer itself. Duty is judged as of now, after the wait:
        // a takeover that committed while this mention waited for the lock started after it arrived, and still counts.
        var at = clock.Now();
        var duty = new DutyNow(plan, await uow.Duty.TakeoversAsync(at, ct), at);
        var account = accounts.Find(mention.AccountId);
        var facts = new RoutingFacts(flags, await uow.Cases.LastHoldingReplyToAsync(mention.AccountId, mention.Author.Handle, ct),
            PreElection: await uow.PreElectionAsync(policy, mention.AccountId, now.InZone(rota.Zone).Date, ct) is not null);
        var route = CaseRouting.For(mention, duty, channel?.Recipient, account, policy, now, facts);
        await CaseChanges.WriteAsync(uow, id, new CaseEffect.CardTo(route.Recipients), now, ct);
        await CaseChanges.WriteAsync(uow, id, new CaseEffect.EscalateIfIdle(EscalationKind.Acknowledge, route.AcknowledgeBy), now, ct);
        if (route.HoldingReply is { } holding)
            await CaseChanges.WriteAsync(uow, id, new CaseEffect.PostHoldingReply(holding), now, ct);
        await uow.CommitAsync(ct);
        if (route.Recipients.Count == 0) log.LogInformation("Case {CaseId}: nobody is on call; it waits for the next person on duty", id);
        return new IngestResult(id, Created: true);
    }
}
