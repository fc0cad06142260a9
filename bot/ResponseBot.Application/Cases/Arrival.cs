using System.Text.Json;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Application.Cases;

/// <summary>What a mention is as it arrives, before anything is stored: what the triage rules make of it and its storm keys;
/// then, as it is stored, its arrival time, its respond-by time and the decision log's record of its arrival.</summary>
public sealed class Arrival(IAccountDirectory accounts, ITriageRules triageRules, ReplyPolicy policy, TimeProvider clock)
{
    /// <summary>All of a mention's arrival that needs no clock: worked out before its unit of work begins, to keep that short.</summary>
    public Arriving Of(Mention mention)
    {
        var triage = triageRules.Current.Evaluate(mention, accounts.Find(mention.AccountId)?.PlatformName);
        return new Arriving(mention, triage, Storms.LockKeys(mention.AccountId, mention.Text, triage.Flags));
    }

    /// <summary>
    /// Stores the mentions as cases, each created one with its arrival logged (<see cref="ICaseRepository.InsertAsync"/>).
    /// The arrival time is read only once the unit of work holds its share of the arrivals' fence
    /// (<see cref="IUnitOfWork.ShareArrivalsAsync"/>): a report that covers arrivals up to a time waits at the fence for
    /// every one timed before it to commit, and one timed after it goes in the next report. None falls between the two.
    /// </summary>
    public async Task<StoredArrivals> StoreAsync(IUnitOfWork uow, IReadOnlyList<Arriving> arriving, CancellationToken ct)
    {
        await uow.ShareArrivalsAsync(ct);
        var now = clock.Now();
        var cases = arriving.Select(a => new NewCase(a.Mention, a.Triage, a.StormKeys, policy.RespondBy(now, a.Triage))).ToList();
        var ids = await uow.Cases.InsertAsync(cases, cases.Select(c => Received(c, now)).ToList(), now, ct);
        return new StoredArrivals(now, ids);
    }

    /// <summary>The entry for the case's arrival: without a case id, which it takes from the case as they are stored together.</summary>
    public static DecisionEntry Received(NewCase c, Instant now) =>
        DecisionEntry.System(null, now, DecisionActions.Received,
            JsonSerializer.Serialize(new
            {
                account = c.Mention.AccountId, externalId = c.Mention.ExternalId, flags = c.Triage.Flags, tags = c.Triage.Tags,
                language = c.Triage.Language, rules = c.Triage.Rules,
            }), c.Mention.Text, toState: CaseState.New);
}

/// <summary>A mention triaged, not yet timed or stored.</summary>
public sealed record Arriving(Mention Mention, TriageOutcome Triage, IReadOnlyList<int> StormKeys);

/// <summary>Mentions stored together: when they arrived, and each one's new case id (none if it was stored before).</summary>
public sealed record StoredArrivals(Instant At, IReadOnlyList<long?> Ids);
