using NodaTime;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Ports;

/// <summary>Where each case's card was posted (case_cards), so every copy can be updated in place.</summary>
public interface ICaseCardRepository
{
    Task RecordAsync(long caseId, PostedCard card, Instant now, CancellationToken ct);

    Task<IReadOnlyList<PostedCard>> ForCaseAsync(long caseId, CancellationToken ct);

    /// <summary>Everyone who holds this case's card or has been queued one (with <paramref name="countFailed"/>, even one that
    /// could not be delivered).</summary>
    Task<IReadOnlySet<string>> OfferedToAsync(long caseId, bool countFailed, CancellationToken ct);
}
