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

namespace ResponseBot.Application.Cases;

public sealed record IngestResult(long CaseId, bool Created);

/// <summary>
/// A public mention arrives, from any source. One unit of work: the case stored once per (account, external id) with what the
/// triage rules made of it (flags, tags, language, suggested reply) and its respond-by time, logged, routed to whoever is on call now (and the team channel, and whoever a rule routes it to), its acknowledgement timer
/// started and any holding reply queued. Committed before the caller acknowledges the mention.
/// </summary>
public sealed class IngestMention(IUnitOfWorkFactory db, IAccountDirectory accounts, ITriageRules triageRules, ReplyPolicy policy, RotaConfig rota,
    RoutingSettings routing, Metrics.ResponseBotMetrics metrics, TimeProvider clock, ILogger<IngestMention> log)
{
    public async Task<IngestResult> RunAsync(Mention mention, CancellationToken ct)
    {
        var now = clock.Now();
        var account = accounts.Find(mention.AccountId);
        var triage = triageRules.Current.Evaluate(mention, account?.PlatformName);
        var stormKeys = Storms.LockKeys(mention.AccountId, mention.Text, triage.Flags);
        await using var uow = await db.BeginAsync(ct);
        if (await uow.Cases.InsertAsync(mention, triage, stormKeys, policy.RespondBy(now, triage), now, ct) is not { } id)
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
            JsonSerializer.Serialize(new
            {
                account = mention.AccountId, externalId = mention.ExternalId, flags = triage.Flags, tags = triage.Tags, language = triage.Language,
                rules = triage.Rules, thread,
            }), mention.Text, toState: CaseState.New), ct);

        // Near-duplicates decide one at a time (Storms.LockKeys), so two arriving together agree on one storm; unlike
        // mentions are routed side by side. A storm member is routed to nobody, so it needs no routing lock: waiting its turn
        // here it holds none, and a change of who is on duty never waits for a queue of near-duplicates.
        if (stormKeys.Count > 0)
        {
            await uow.LockStormsAsync(stormKeys, ct);
            if (await JoinStormAsync(uow, id, mention, triage.Flags, stormKeys, now, ct))
            {
                await uow.CommitAsync(ct);
                metrics.MentionReceived(mention.AccountId);
                return new IngestResult(id, Created: true);
            }
        }
        var plan = await uow.PlanAroundAsync(rota, now, ct);
        var channel = await routing.ChannelAsync(uow, ct);
        await uow.ShareRoutingAsync(ct);
        // Takeovers are read under the routing lock, so one committing at the same moment is either seen here or,
        // if it commits after, hands this case to the new officer itself. Duty is judged as of now, after the wait:
        // a takeover that committed while this mention waited for the lock started after it arrived, and still counts.
        var at = clock.Now();
        var duty = new DutyNow(plan, await uow.Duty.TakeoversAsync(at, ct), at);
        // What decides a holding reply is read only for an account that sends them.
        var holds = account is { HoldingReply: not Domain.Replies.HoldingReplyMode.Off };
        var facts = new RoutingFacts(triage.Flags,
            holds ? await uow.Cases.LastHoldingReplyToAsync(mention.AccountId, mention.Author.Handle, ct) : null,
            PreElection: holds && await uow.PreElectionAsync(policy, mention.AccountId, now.InZone(rota.Zone).Date, ct) is not null) { Triage = triage };
        var route = CaseRouting.For(mention, duty, channel?.Recipient, account, policy, now, facts);
        await CaseChanges.WriteAsync(uow, id, new CaseEffect.CardTo(route.Recipients), now, ct);
        await CaseChanges.WriteAsync(uow, id, new CaseEffect.EscalateIfIdle(EscalationKind.Acknowledge, route.AcknowledgeBy), now, ct);
        if (route.HoldingReply is { } holding)
            await CaseChanges.WriteAsync(uow, id, new CaseEffect.PostHoldingReply(holding), now, ct);
        await uow.CommitAsync(ct);
        metrics.MentionReceived(mention.AccountId);
        if (route.Recipients.Count == 0) log.LogInformation("Case {CaseId}: nobody is on call; it waits for the next person on duty", id);
        return new IngestResult(id, Created: true);
    }

    /// <summary>
    /// True when the mention joined (or started) a storm of near-duplicates: it starts no timer and gets no card of its own
    /// (the storm's card, on its lead case, counts it), and what was already decided for the storm is decided for it too.
    /// </summary>
    private async Task<bool> JoinStormAsync(IUnitOfWork uow, long id, Mention mention, IReadOnlyList<string> flags, IReadOnlyList<int> stormKeys, NodaTime.Instant now, CancellationToken ct)
    {
        if (!Storms.MayJoin(flags)) return false;
        var since = now - Storms.Window;
        StormCall call;
        IReadOnlyList<LooseCase> loose;
        for (var attempt = 1; ; attempt++)
        {
            // Under way, a storm is joined on one comparison; recent loose cases are read only when none matches.
            loose = [];
            call = Storms.Joining(mention.Text, flags, await uow.Storms.ActiveAsync(mention.AccountId, since, ct), now) is { } active
                ? new StormCall.Join(active)
                : Storms.Starting(mention.Text, flags, loose = await uow.Storms.LooseAsync(mention.AccountId, since, id, stormKeys, 200, ct), now);
            // Another mention like these loose cases, but sharing none of this one's keys, may be starting a storm with them
            // right now: they are locked first, and if any was taken meanwhile, the storm that took them is looked for again.
            if (call is not StormCall.Start start || (await uow.Storms.LockLooseAsync(start.Members, ct)).Count == start.Members.Count) break;
            if (attempt == 3) return false;
        }
        switch (call)
        {
            case StormCall.Join join:
                var joined = await uow.Storms.JoinAsync(join.Storm.Id, id, now, ct);
                await uow.Log.AppendAsync(DecisionEntry.System(id, now, DecisionActions.JoinedStorm, JsonSerializer.Serialize(new { storm = join.Storm.Id })), ct);
                // A statement still inside the lead's undo window is not this member's yet: the fan-out brings it once the window
                // has closed (and not at all if it is undone). A dismissal applies at once.
                if (StormDecision.For(joined) is { } decided
                    && (decided.Statement is null || await uow.Cases.GetAsync(joined.LeadCaseId, ct) is { State: CaseState.Publishing or CaseState.Sent }))
                    await CaseChanges.ApplyAsync(uow, id, decided, now, ct);
                await uow.Outbox.EnqueueOnceAsync(OutboxKinds.CaseCardUpdate, join.Storm.LeadCaseId, now + StormCardEvery, now, ct);
                return true;
            case StormCall.Start start:
                var lead = start.Members[0];
                var members = start.Members.Append(id).ToList();
                var storm = await uow.Storms.StartAsync(mention.AccountId, lead, Storms.Normalise(loose.First(l => l.Id == lead).Text), members, now, ct);
                await uow.Log.AppendAsync(DecisionEntry.System(lead, now, DecisionActions.StormStarted, JsonSerializer.Serialize(new { storm, members })), ct);
                foreach (var member in members.Where(m => m != lead))
                {
                    await uow.Log.AppendAsync(DecisionEntry.System(member, now, DecisionActions.JoinedStorm, JsonSerializer.Serialize(new { storm })), ct);
                    // One timer for the storm (the lead's): the others stop asking, and their cards point at the storm's.
                    await CaseChanges.WriteAsync(uow, member, new CaseEffect.StopTimer(EscalationKind.Acknowledge, "storm"), now, ct);
                    if (member != id) await uow.Outbox.EnqueueAsync(OutboxKinds.CaseCardUpdate, member, null, null, now, now, ct);
                }
                await uow.Outbox.EnqueueAsync(OutboxKinds.CaseCardUpdate, lead, null, null, now, now, ct);
                log.LogInformation("Storm {StormId} started on account {AccountId}: {Members} near-identical mentions", storm, mention.AccountId, members.Count);
                return true;
            default:
                return false;
        }
    }

    /// <summary>How often a growing storm's card is brought up to date: a live count without a send per mention.</summary>
    private static readonly NodaTime.Duration StormCardEvery = NodaTime.Duration.FromSeconds(5);
}
