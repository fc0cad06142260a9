using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;

namespace ResponseBot.Domain.Cases;

public sealed record IngestResult(long CaseId, bool Created);

public interface ICaseStore
{
    /// <summary>Stores the mention once per (account, external id), logs it and queues a card for
    /// whoever is on call, all in one transaction. A repeat returns the existing case.</summary>
    Task<IngestResult> IngestAsync(Mention mention, DateTimeOffset now, CancellationToken ct);

    Task<CaseRecord?> GetAsync(long caseId, CancellationToken ct);

    /// <summary>Applies an approval if the case is still at <paramref name="expectedVersion"/>: logs it,
    /// queues the publish and the card updates. False when someone else got there first.</summary>
    Task<bool> TryApproveAsync(long caseId, int expectedVersion, StaffMember actor, CaseDecision.Publish decision, DateTimeOffset now, CancellationToken ct);

    Task MarkPublishedAsync(long caseId, string? platformReplyId, DateTimeOffset now, CancellationToken ct);

    Task MarkPublishFailedAsync(long caseId, string reason, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Records that <paramref name="unreachableStaffId"/> can't be reached (blocked or removed the app),
    /// stops messaging them, and queues the case's card for the first of <paramref name="candidates"/> who
    /// is reachable and hasn't been offered it yet, in one transaction. Returns who it went to, if anyone.
    /// </summary>
    Task<string?> RerouteAsync(long caseId, string unreachableStaffId, string reason, IReadOnlyList<string> candidates, DateTimeOffset now, CancellationToken ct);

    Task RecordCardPostedAsync(long caseId, PostedCard card, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<PostedCard>> GetPostedCardsAsync(long caseId, CancellationToken ct);
}
