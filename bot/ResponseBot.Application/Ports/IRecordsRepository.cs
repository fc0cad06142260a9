using NodaTime;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Ports;

/// <summary>The public's personal data: finding it (subject access, retention) and writing its redaction; the records export.</summary>
public interface IRecordsRepository
{
    /// <summary>Closed cases received before <paramref name="before"/> that still hold <paramref name="what"/>, oldest first, locked.</summary>
    Task<IReadOnlyList<PersonalCase>> DueAsync(PersonalData what, Instant before, IReadOnlyCollection<string> closedStates, int limit, CancellationToken ct);

    /// <summary>Every case whose author handle is <paramref name="handle"/> (any case, with or without '@') on these accounts.</summary>
    Task<IReadOnlyList<PersonalCase>> ByHandleAsync(IReadOnlyCollection<string> accountIds, string handle, bool forUpdate, CancellationToken ct);

    Task<IReadOnlyList<LogTexts>> LogTextsAsync(long caseId, CancellationToken ct);

    Task SaveAsync(RedactedCase c, Instant now, CancellationToken ct);

    /// <summary>Replaces log rows' texts through the database's one permitted redaction, naming the redaction's own row.</summary>
    Task<int> RedactLogAsync(long redactionId, IReadOnlyList<LogTexts> rows, CancellationToken ct);

    /// <summary>Drops the stored payloads (cards, texts) of the case's finished outbox messages, and a storm's text signature.</summary>
    Task ForgetCopiesAsync(long caseId, bool leadsStorm, CancellationToken ct);

    /// <summary>Cases for the records export, with their decision log, in received order.</summary>
    Task<IReadOnlyList<ExportCase>> ExportAsync(Instant? from, Instant? to, IReadOnlyCollection<string>? accountIds, IReadOnlyCollection<long>? caseIds, CancellationToken ct);
}
