using NodaTime;
using ResponseBot.Application.Views;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>Storms of near-duplicate mentions and their members.</summary>
public interface IStormRepository
{
    /// <summary>The account's storms that last grew after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<ActiveStorm>> ActiveAsync(string accountId, Instant since, CancellationToken ct);

    /// <summary>The account's cases since <paramref name="since"/> in no storm, that may join one (no emergency, no personal data).</summary>
    /// <summary>
    /// Locks the given cases (in id order, until the transaction ends) and returns those still loose once any other
    /// transaction holding them has ended.
    /// </summary>
    Task<IReadOnlyList<long>> LockLooseAsync(IReadOnlyList<long> caseIds, CancellationToken ct);

    Task<IReadOnlyList<LooseCase>> LooseAsync(string accountId, Instant since, IReadOnlyList<long> exceptCaseIds, IReadOnlyList<int> stormKeys, int limit, CancellationToken ct);

    /// <summary>A new storm led by <paramref name="leadCaseId"/>, with these cases (the lead among them) as its members.</summary>
    Task<long> StartAsync(string accountId, long leadCaseId, string signature, IReadOnlyList<long> members, Instant now, CancellationToken ct);

    /// <summary>Adds the case to the storm; the storm as it stands once any decision being written to it has committed.</summary>
    Task<ActiveStorm> JoinAsync(long stormId, long caseId, Instant now, CancellationToken ct);

    /// <summary>Records the decision for all: the statement posted to every member, or the reason they were all dismissed.</summary>
    Task DecidedAsync(long stormId, string? statement, string? dismissReason, Stamp by, CancellationToken ct);

    Task<ActiveStorm?> GetAsync(long stormId, CancellationToken ct);

    /// <summary>The members (not the lead) still in one of <paramref name="states"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<long>> MembersInAsync(long stormId, IReadOnlyList<CaseState> states, int limit, CancellationToken ct);

    /// <summary>What the storm card shows: size, span, a few samples, how many people.</summary>
    Task<StormView?> ViewAsync(long stormId, CancellationToken ct);
}
