using System.Text.Json;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Policy;

namespace ResponseBot.Application.Cases;

/// <summary>What a mention is as it arrives, before anything is stored: what the triage rules make of it, its storm keys
/// and its respond-by time; and the decision log's record of its arrival.</summary>
public sealed class Arrival(IAccountDirectory accounts, ITriageRules triageRules, ReplyPolicy policy)
{
    public NewCase Of(Mention mention, Instant now)
    {
        var triage = triageRules.Current.Evaluate(mention, accounts.Find(mention.AccountId)?.PlatformName);
        return new NewCase(mention, triage, Storms.LockKeys(mention.AccountId, mention.Text, triage.Flags), policy.RespondBy(now, triage));
    }

    /// <summary>Stores the cases, each created one with its arrival logged (<see cref="ICaseRepository.InsertAsync"/>).</summary>
    public static Task<IReadOnlyList<long?>> StoreAsync(IUnitOfWork uow, IReadOnlyList<NewCase> cases, Instant now, CancellationToken ct) =>
        uow.Cases.InsertAsync(cases, cases.Select(c => Received(c, now)).ToList(), now, ct);

    /// <summary>The entry for the case's arrival: without a case id, which it takes from the case as they are stored together.</summary>
    public static DecisionEntry Received(NewCase c, Instant now) =>
        DecisionEntry.System(null, now, DecisionActions.Received,
            JsonSerializer.Serialize(new
            {
                account = c.Mention.AccountId, externalId = c.Mention.ExternalId, flags = c.Triage.Flags, tags = c.Triage.Tags,
                language = c.Triage.Language, rules = c.Triage.Rules,
            }), c.Mention.Text, toState: CaseState.New);
}
