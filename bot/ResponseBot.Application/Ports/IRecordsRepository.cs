using NodaTime;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Ports;

/// <summary>The public's personal data: finding it (subject access, retention) and writing its redaction; the records export.</summary>
public interface IRecordsRepository
{
    /// <summary>Finished cases (sent or dismissed, nothing left to send) received before <paramref name="before"/> that still hold <paramref name="what"/>, oldest first, locked.</summary>
    Task<IReadOnlyList<PersonalCase>> DueAsync(PersonalData what, Instant before, IReadOnlyCollection<string> finishedStates, int limit, CancellationToken ct);

    /// <summary>Which of these cases are not finished: in another state, or with a message still to send.</summary>
    Task<IReadOnlyList<long>> UnfinishedAsync(IReadOnlyCollection<long> caseIds, IReadOnlyCollection<string> finishedStates, CancellationToken ct);

    /// <summary>Every case whose author handle is <paramref name="handle"/> (any case, with or without '@') on these accounts.</summary>
    Task<IReadOnlyList<PersonalCase>> ByHandleAsync(IReadOnlyCollection<string> accountIds, string handle, bool forUpdate, CancellationToken ct);

    Task SaveAsync(RedactedCase c, Instant now, CancellationToken ct);

    /// <summary>
    /// Redacts the texts of the case's earlier log rows through the database's one permitted redaction, named by the
    /// redaction's own row (written in this unit of work): <paramref name="dropActions"/>' texts emptied, the rest masked.
    /// </summary>
    Task<int> RedactLogAsync(long redactionId, IReadOnlyList<string> terms, IReadOnlyList<string> dropActions, CancellationToken ct);

    /// <summary>Drops the stored payloads (cards, texts) of the case's finished outbox messages, and a storm's text signature.</summary>
    Task ForgetCopiesAsync(long caseId, bool leadsStorm, CancellationToken ct);

    /// <summary>Cases for the records export, with their decision log, in received order.</summary>
    Task<IReadOnlyList<ExportCase>> ExportAsync(Instant? from, Instant? to, IReadOnlyCollection<string>? accountIds, IReadOnlyCollection<long>? caseIds, CancellationToken ct);
}
