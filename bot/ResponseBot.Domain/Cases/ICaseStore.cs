using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;

namespace ResponseBot.Domain.Cases;

public sealed record IngestResult(long CaseId, bool Created);

public interface ICaseStore
{
    /// <summary>Stores the mention once per (account, external id) with its flags and respond-by time, logs
    /// it, queues a card for whoever is on call and starts the acknowledgement timer, all in one transaction. A repeat returns the existing case.</summary>
    Task<IngestResult> IngestAsync(Mention mention, IReadOnlyList<string> flags, DateTimeOffset respondBy, CaseRouting routing, DateTimeOffset now, CancellationToken ct);

    Task<CaseRecord?> GetAsync(long caseId, CancellationToken ct);

    /// <summary>The case a post belongs to, found by the post's id: the mention itself, or our reply to it.</summary>
    Task<CaseRecord?> FindByPostAsync(string accountId, string postId, CancellationToken ct);

    /// <summary>Records an action someone tried and was refused (who, what, why), for the audit trail.</summary>
    Task LogRefusalAsync(long caseId, StaffMember actor, string verb, string reason, DateTimeOffset now, CancellationToken ct);

    /// <summary>Applies a transition if the case is still at <paramref name="expectedVersion"/>: the new record, its
    /// log entry and its effects (outbox), and card updates for every copy, in one transaction. False when
    /// someone else got there first.</summary>
    Task<bool> TryApplyAsync(long caseId, int expectedVersion, CaseState expectedState, StaffMember actor, CaseOutcome.Transition transition, DateTimeOffset now, CancellationToken ct);

    /// <summary>Scheduled → Publishing once the undo window is over, owned by outbox message <paramref name="outboxId"/>;
    /// also the case when that same message already owns it (its earlier attempt failed). Null: undone, not due,
    /// or someone else's — nothing to post.</summary>
    Task<CaseRecord?> TryBeginPublishAsync(long caseId, long outboxId, DateTimeOffset now, CancellationToken ct);

    Task MarkPublishedAsync(long caseId, string? platformReplyId, string? platformReplyUrl, DateTimeOffset now, CancellationToken ct);

    Task MarkPublishFailedAsync(long caseId, string reason, DateTimeOffset now, CancellationToken ct);

    /// <summary>Records the automatic holding reply as posted (its text and platform id) or given up on (the reason).</summary>
    Task RecordHoldingReplyAsync(long caseId, string text, string? platformReplyId, string? failure, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Records that <paramref name="unreachableStaffId"/> can't be reached (blocked or removed the app),
    /// stops messaging them, and queues the case's card for the first of <paramref name="candidates"/> who
    /// is reachable and hasn't been offered it yet, in one transaction. Returns who it went to, if anyone.
    /// </summary>
    Task<string?> RerouteAsync(long caseId, string unreachableStaffId, string reason, IReadOnlyList<string> candidates, DateTimeOffset now, CancellationToken ct);

    Task RecordCardPostedAsync(long caseId, PostedCard card, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<PostedCard>> GetPostedCardsAsync(long caseId, CancellationToken ct);
}
