using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Application.Ports;

/// <summary>A case in a list, with whether the person asking holds a copy of its card or a timer brought it to them.</summary>
public sealed record ListedCase(CaseRecord Case, bool HoldsCard, bool EscalatedTo);

/// <summary>A mention to store as a new case, with what triage made of it and its storm keys (<c>Storms.LockKeys</c>).</summary>
public sealed record NewCase(Mention Mention, TriageOutcome Triage, IReadOnlyList<int> StormKeys, Instant RespondBy);

/// <summary>A stored case waiting to be routed: what routing reads of it.</summary>
public sealed record CaseToRoute(long Id, Mention Mention, TriageOutcome Triage, IReadOnlyList<int> StormKeys, CaseState State);

/// <summary>The cases table.</summary>
public interface ICaseRepository
{
    /// <summary>
    /// Stores each mention as a new case in state New, not yet routed, in one statement: for each, in order, its id, or null
    /// when (account, external id) is already a case (or an earlier one in the same list). Each case created has its
    /// arrival (<paramref name="arrivals"/>, one per case, in the same order) logged by the same statement, with its new id.
    /// </summary>
    Task<IReadOnlyList<long?>> InsertAsync(IReadOnlyList<NewCase> cases, IReadOnlyList<DecisionEntry> arrivals, Instant receivedAt, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> cases not yet routed, oldest first, locked until the unit of work ends. Only for the
    /// holder of <see cref="IUnitOfWork.LockRouterAsync"/>.
    /// </summary>
    Task<IReadOnlyList<CaseToRoute>> UnroutedAsync(int limit, CancellationToken ct);

    Task<long> FindIdAsync(string accountId, string externalId, CancellationToken ct);

    /// <summary>As <see cref="FindIdAsync"/> for each of <paramref name="mentions"/>, in one statement: their ids, in order.</summary>
    Task<IReadOnlyList<long>> FindIdsAsync(IReadOnlyList<Mention> mentions, CancellationToken ct);

    /// <summary>The case; with <paramref name="forUpdate"/> its row stays locked until the unit of work ends.</summary>
    Task<CaseRecord?> GetAsync(long caseId, CancellationToken ct, bool forUpdate = false);

    /// <summary>The case a post belongs to, found by the post's id: the mention itself, or one of our replies to it.</summary>
    Task<CaseRecord?> FindByPostAsync(string accountId, string postId, CancellationToken ct);

    /// <summary>For each of <paramref name="cases"/>, its author's latest earlier case on the same account, when there is one.</summary>
    Task<IReadOnlyDictionary<long, CaseRecord>> LastFromAuthorsAsync(IReadOnlyList<CaseToRoute> cases, CancellationToken ct);

    /// <summary>The cases are being routed, each in the thread given (none when null): from now on other mentions may gather
    /// them into a storm. How many were still unrouted (and are routed now).</summary>
    Task<int> MarkRoutedAsync(IReadOnlyDictionary<long, long?> threads, Instant at, CancellationToken ct);

    /// <summary>When a holding reply to this author on this account was last queued (and not given up on), if ever.</summary>
    Task<Instant?> LastHoldingReplyToAsync(string accountId, string authorHandle, CancellationToken ct);

    /// <summary>The other cases of the conversation case <paramref name="caseId"/> is part of, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ConversationCase>> ThreadAsync(long caseId, int limit, CancellationToken ct);

    /// <summary>Writes every column a transition may change, if the case is still at <paramref name="expectedVersion"/>.
    /// False when someone else changed it first.</summary>
    Task<bool> SaveAsync(CaseRecord after, int expectedVersion, CancellationToken ct);

    /// <summary>Ids of cases in any of <paramref name="states"/> that <paramref name="staffId"/> holds no card for and is not
    /// already being sent one, oldest first.</summary>
    Task<IReadOnlyList<long>> WithoutCardForAsync(string staffId, IReadOnlyList<CaseState> states, CancellationToken ct);

    /// <summary>
    /// Cases for a list, with what deciding who may see each needs to know about <paramref name="staffId"/>: the open ones, or
    /// with <paramref name="handle"/> the latest of that author's in any state. At most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ListedCase>> ListAsync(string staffId, string? handle, int limit, CancellationToken ct);

    /// <summary>Ids of cases in any of <paramref name="states"/>; with <paramref name="unacknowledgedOnly"/>, only those nobody said "I'm on it" to.</summary>
    Task<IReadOnlyList<long>> InStatesAsync(IReadOnlyList<CaseState> states, CancellationToken ct, bool unacknowledgedOnly = false);
}
