using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Elections;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Ports;

/// <summary>
/// What a press of a case card's button reads before anything is decided. <paramref name="ActivityKey"/>: the activity to
/// look up as handled before (null: a view, neither looked up nor recorded), and recorded as handled now when
/// <paramref name="RecordActivity"/> (otherwise it is recorded only if the click would act on the case as read, as the case is locked: <see cref="ICaseClickReader.LockAsync"/>).
/// <paramref name="RotaRange"/>: the overrides to plan duty with.
/// <paramref name="Today"/>: the day pre-election periods are judged on. <paramref name="ThreadLimit"/>: how many other cases
/// of its conversation the card shows.
/// </summary>
public sealed record CaseClickQuery(long CaseId, string? ActivityKey, bool RecordActivity, ChatAddress Address, Interval RotaRange, LocalDate Today, int ThreadLimit);

/// <summary>
/// What <see cref="ICaseClickReader.ReadAsync"/> found: whether the activity is seen for the first time, the case (null:
/// none with that id), the rota's overrides and takeovers, who timers brought the case to, who holds a copy of its card,
/// the other cases of its conversation, and the stored pre-election periods.
/// </summary>
public sealed record CaseClickReads(bool FirstTime, CaseRecord? Case, IReadOnlyList<RotaOverride> Overrides, IReadOnlyList<Takeover> Takeovers,
    IReadOnlySet<string> EscalatedTo, IReadOnlyList<PostedCard> Cards, IReadOnlyList<ConversationCase> Conversation,
    IReadOnlyList<ElectionPeriod> Elections);

/// <summary>
/// The case as locked for acting on it, with who may act as it now stands, and whether the activity recorded with the lock
/// (if one was) is handled for the first time (false: an earlier attempt of it acted first).
/// </summary>
public sealed record LockedCase(CaseRecord? Case, IReadOnlySet<string> EscalatedTo, IReadOnlyList<PostedCard> Cards, bool FirstTime);

/// <summary>
/// A card click's reads in one round trip to the database rather than one each: on a busy instance every round trip is
/// a pair of process wake-ups, and a click used to make nine.
/// </summary>
public interface ICaseClickReader
{
    /// <summary>Records the activity or looks it up (when named) and saves the presser's address (a repeat's too: an unchanged
    /// address is only read), then reads everything in <see cref="CaseClickReads"/>.</summary>
    Task<CaseClickReads> ReadAsync(CaseClickQuery query, Instant now, CancellationToken ct);

    /// <summary>Locks the case (no key update), reads again who may act on it, and then, with the lock held and in the same
    /// round trip, records activity <paramref name="recordActivity"/> as handled (when named).</summary>
    Task<LockedCase> LockAsync(long caseId, string? recordActivity, Instant now, CancellationToken ct);
}
