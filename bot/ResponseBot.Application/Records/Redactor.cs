using System.Text.Json;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Records;

/// <summary>
/// The one writer of redactions (retention and erasure): per case, first its own decision-log row saying what was removed,
/// by whom and why, then the case's fields (<see cref="Redaction.Case"/>), the log rows' texts through the database's
/// redaction function naming that row, and the stored copies (sent cards and texts, a storm's signature).
/// </summary>
public static class Redactor
{
    public static async Task<int> RedactAsync(IUnitOfWork uow, IReadOnlyList<PersonalCase> cases, PersonalData what, string actorId, string actorName,
        string action, string reason, object? why, Instant now, CancellationToken ct)
    {
        var texts = 0;
        foreach (var c in cases)
        {
            var removing = what & ~c.Redacted;
            if (removing == PersonalData.None) continue;
            var detail = JsonSerializer.Serialize(new { data = Names(removing), why });
            var redaction = await uow.Log.AppendAsync(new DecisionEntry(c.Id, now, actorId, actorName, action, Detail: detail, Reason: reason), ct);
            var log = (await uow.Records.LogTextsAsync(c.Id, ct)).Select(row => Redaction.Log(row, c, removing)).OfType<LogTexts>().ToList();
            texts += await uow.Records.RedactLogAsync(redaction, log, ct);
            await uow.Records.SaveAsync(Redaction.Case(c, removing), now, ct);
            await uow.Records.ForgetCopiesAsync(c.Id, c.LeadsStorm, ct);
        }
        return texts;
    }

    private static string[] Names(PersonalData what) =>
        [.. new[] { PersonalData.Author, PersonalData.Content }.Where(w => what.HasFlag(w)).Select(w => w.ToString().ToLowerInvariant())];
}
