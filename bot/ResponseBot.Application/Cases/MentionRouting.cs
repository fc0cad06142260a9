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

/// <summary>
/// Routes stored cases, inside the caller's unit of work: each joins its thread, then joins (or starts) a storm of
/// near-duplicates, or goes to whoever is on call now (and the team channel, and whoever a rule routes it to), with its
/// acknowledgement timer started and any holding reply queued. Shared by <see cref="IngestMention"/> (one case, as it is
/// stored) and <see cref="RouteCases"/> (the router, many at a time).
/// </summary>
public sealed class MentionRouting(IAccountDirectory accounts, ReplyPolicy policy, RotaConfig rota, RoutingSettings routing, TimeProvider clock,
    ILogger<MentionRouting> log)
{
    /// <summary>
    /// Whether a case may join or start a storm, and so lock loose cases as it is routed: one with storm keys, not flagged as
    /// an emergency or personal data. A source's mention that may waits for the router's turn (<see cref="IngestMention"/>).
    /// </summary>
    public static bool MayStorm(IReadOnlyList<int> stormKeys, TriageOutcome triage) => stormKeys.Count > 0 && Storms.MayJoin(triage.Flags);

    public async Task RouteAsync(IUnitOfWork uow, IReadOnlyList<CaseToRoute> cases, Instant now, CancellationToken ct)
    {
        // Every storm key of the list first, in one order, then the routing lock: near-duplicates decide one at a time (so
        // two arriving together agree on one storm) and unlike mentions side by side, and nothing waits in a cycle.
        var keys = cases.SelectMany(c => c.StormKeys).Distinct().Order().ToList();
        if (keys.Count > 0) await uow.LockStormsAsync(keys, ct);
        // The routing lock before anything is written: a change of who is on duty, holding it alone, may be waiting for rows
        // this would otherwise lock first (a storm member's timer, a storm), and neither could go on.
        var plan = await uow.PlanAroundAsync(rota, now, ct);
        var channel = await routing.ChannelAsync(uow, ct);
        await uow.ShareRoutingAsync(ct);
        // Takeovers are read under the routing lock, so one committing at the same moment is either seen here or, if it
        // commits after, hands these cases to the new officer itself. Duty is judged as of now, after the wait: a takeover
        // that committed while these waited for the lock started after they arrived, and still counts.
        var at = clock.Now();
        var duty = new DutyNow(plan, await uow.Duty.TakeoversAsync(at, ct), at);
        // All routed at once, each in its thread: from here on each is loose for the storms of the others.
        var threads = await ThreadsAsync(uow, cases, now, ct);
        await uow.Cases.MarkRoutedAsync(threads, now, ct);
        await uow.Log.AppendAsync(threads.Where(t => t.Value is not null).Select(t =>
            DecisionEntry.System(t.Key, now, DecisionActions.JoinedThread, JsonSerializer.Serialize(new { thread = t.Value }))).ToList(), ct);
        var mayStorm = cases.Where(c => c.State == CaseState.New && MayStorm(c.StormKeys, c.Triage)).ToHashSet();
        var storms = new StormRouting(uow, now, log);
        var timers = new List<(long CaseId, CaseEffect.EscalateIfIdle Timer)>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            if (c.State != CaseState.New) continue; // acted on before it was routed: nobody needs a card for it now
            // The cases after this one in the list aren't loose for it yet: they haven't a card or a timer to give a storm.
            if (mayStorm.Contains(c) && await storms.JoinAsync(c, cases.Skip(i + 1).Select(n => n.Id).ToList(), ct)) continue;
            timers.Add((c.Id, await ToWhoeverIsOnCallAsync(uow, c, duty, channel, now, ct)));
        }
        // The timers last, together: a case a later one's storm took in has none.
        foreach (var group in timers.Where(t => !storms.Gathered.Contains(t.CaseId)).GroupBy(t => t.Timer))
            await uow.Timers.StartAsync(group.Select(t => t.CaseId).ToList(), group.Key.Kind, group.Key.Due, now, ct);
    }

    /// <summary>The thread each case continues, if any; a case continuing another of the list takes the thread just found for it.</summary>
    private static async Task<Dictionary<long, long?>> ThreadsAsync(IUnitOfWork uow, IReadOnlyList<CaseToRoute> cases, Instant now, CancellationToken ct)
    {
        var lastFromAuthor = await uow.Cases.LastFromAuthorsAsync(cases.Where(c => c.Mention.InReplyTo is null).ToList(), ct);
        var threads = new Dictionary<long, long?>();
        foreach (var c in cases.OrderBy(c => c.Id))
        {
            var answered = c.Mention.InReplyTo is { } parent ? await uow.Cases.FindByPostAsync(c.Mention.AccountId, parent, ct) : null;
            var last = answered is null ? lastFromAuthor.GetValueOrDefault(c.Id) : null;
            if (answered is not null && threads.TryGetValue(answered.Id, out var answeredThread)) answered = answered with { ThreadCaseId = answeredThread };
            if (last is not null && threads.TryGetValue(last.Id, out var lastThread)) last = last with { ThreadCaseId = lastThread };
            threads[c.Id] = Conversations.ThreadOf(answered, last, now);
        }
        return threads;
    }

    /// <summary>Cards and any holding reply; the acknowledgement timer it needs is returned, to be started with the others.</summary>
    private async Task<CaseEffect.EscalateIfIdle> ToWhoeverIsOnCallAsync(IUnitOfWork uow, CaseToRoute c, DutyNow duty, Domain.Chat.TeamChannel? channel,
        Instant now, CancellationToken ct)
    {
        var mention = c.Mention;
        var account = accounts.Find(mention.AccountId);
        // What decides a holding reply is read only for an account that sends them.
        var holds = account is { HoldingReply: not Domain.Replies.HoldingReplyMode.Off };
        var facts = new RoutingFacts(c.Triage.Flags,
            holds ? await uow.Cases.LastHoldingReplyToAsync(mention.AccountId, mention.Author.Handle, ct) : null,
            PreElection: holds && await uow.PreElectionAsync(policy, mention.AccountId, now.InZone(rota.Zone).Date, ct) is not null) { Triage = c.Triage };
        var route = CaseRouting.For(mention, duty, channel?.Recipient, account, policy, now, facts);
        await CaseChanges.WriteAsync(uow, c.Id, new CaseEffect.CardTo(route.Recipients), now, ct);
        if (route.HoldingReply is { } holding)
            await CaseChanges.WriteAsync(uow, c.Id, new CaseEffect.PostHoldingReply(holding), now, ct);
        if (route.Recipients.Count == 0) log.LogInformation("Case {CaseId}: nobody is on call; it waits for the next person on duty", c.Id);
        return new CaseEffect.EscalateIfIdle(EscalationKind.Acknowledge, route.AcknowledgeBy);
    }
}

/// <summary>
/// Cases joining (or starting) storms of near-duplicates, within one unit of work: a case in a storm starts no timer and gets
/// no card of its own (the storm's card, on its lead case, counts it), and what was already decided for the storm is
/// decided for it too. The caller holds the cases' storm keys. An account's storms under way are read once, and again only
/// after one of them changed.
/// </summary>
internal sealed class StormRouting(IUnitOfWork uow, Instant now, ILogger log)
{
    /// <summary>How often a growing storm's card is brought up to date: a live count without a send per mention.</summary>
    private static readonly Duration StormCardEvery = Duration.FromSeconds(5);

    private readonly Dictionary<string, IReadOnlyList<ActiveStorm>> _active = [];

    /// <summary>Cases a storm took in here, besides its lead: the storm's timer is the lead's, and they have none.</summary>
    public HashSet<long> Gathered { get; } = [];

    /// <summary>True when the case joined or started a storm; <paramref name="notYet"/>: cases that aren't loose for it, however alike.</summary>
    public async Task<bool> JoinAsync(CaseToRoute c, IReadOnlyList<long> notYet, CancellationToken ct)
    {
        var (id, mention, flags) = (c.Id, c.Mention, c.Triage.Flags);
        var since = now - Storms.Window;
        if (!_active.TryGetValue(mention.AccountId, out var active))
            _active[mention.AccountId] = active = await uow.Storms.ActiveAsync(mention.AccountId, since, ct);
        StormCall? call = null;
        IReadOnlyList<LooseCase> loose = [];
        for (var attempt = 1; ; attempt++)
        {
            // Under way, a storm is joined on one comparison; recent loose cases are read only when none matches.
            if (Storms.Joining(mention.Text, flags, active, now) is { } joining) { call = new StormCall.Join(joining); break; }
            call = Storms.Starting(mention.Text, flags, loose = await uow.Storms.LooseAsync(mention.AccountId, since, [id, .. notYet], c.StormKeys, 200, ct), now);
            // Another mention like these loose cases, but sharing none of this one's keys, may be starting a storm with them
            // right now: they are locked first, and if any was taken meanwhile, the storm that took them is looked for again.
            if (call is not StormCall.Start start || (await uow.Storms.LockLooseAsync(start.Members, ct)).Count == start.Members.Count) break;
            if (attempt == 3) return false;
            _active[mention.AccountId] = active = await uow.Storms.ActiveAsync(mention.AccountId, since, ct);
        }
        switch (call)
        {
            case StormCall.Join join:
                _active.Remove(mention.AccountId);
                Gathered.Add(id);
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
                _active.Remove(mention.AccountId);
                var lead = start.Members[0];
                var members = start.Members.Append(id).ToList();
                Gathered.UnionWith(members.Where(m => m != lead));
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
}
