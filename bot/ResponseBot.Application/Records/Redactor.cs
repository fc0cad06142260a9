using System.Text.Json;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Records;

/// <summary>
/// The one writer of redactions (retention and erasure): per case, first its own decision-log row saying what was removed,
/// by whom and why, then the case's fields (<see cref="Redaction.Case"/>), the log rows' texts through the database's
/// redaction function naming that row (it can only empty or mask them), the stored copies (sent cards and texts, a
/// storm's signature), and the cards already posted, redrawn.
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
            var terms = removing.HasFlag(PersonalData.Author) ? Redaction.Terms(c) : [];
            texts += await uow.Records.RedactLogAsync(redaction, terms, removing.HasFlag(PersonalData.Content) ? Redaction.TheirWords : [], ct);
            await uow.Records.SaveAsync(Redaction.Case(c, removing), now, ct);
            await uow.Records.ForgetCopiesAsync(c.Id, c.LeadsStorm, ct);
            // Copies of the card already posted in Teams are redrawn from the redacted case.
            await uow.Outbox.EnqueueAsync(OutboxKinds.CaseCardUpdate, c.Id, null, null, now, now, ct);
        }
        return texts;
    }

    private static string[] Names(PersonalData what) =>
        [.. new[] { PersonalData.Author, PersonalData.Content }.Where(w => what.HasFlag(w)).Select(w => w.ToString().ToLowerInvariant())];
}
