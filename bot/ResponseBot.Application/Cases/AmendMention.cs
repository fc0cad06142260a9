using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// The author edited or deleted a mention on the platform (a source that tells us, like Facebook's feed webhook). One unit of
/// work over the case's locked row: the edit or deletion applied by <see cref="CaseWorkflow.Apply"/>, logged with the text as it
/// was, the cards refreshed. False when the mention is not a case (never received, or for another account).
/// </summary>
public sealed class AmendMention(IUnitOfWorkFactory db, IAccountDirectory accounts, ITriageRules triageRules, TimeProvider clock, ILogger<AmendMention> log)
{
    public Task<bool> EditedAsync(string accountId, string externalId, string text, CancellationToken ct) =>
        ApplyAsync(accountId, externalId, new SystemEvent.MentionEdited(text,
            triageRules.Current.Evaluate(new Domain.Triage.TriageInput(text, AccountId: accountId, PlatformName: accounts.Find(accountId)?.PlatformName))), ct);

    public Task<bool> DeletedAsync(string accountId, string externalId, CancellationToken ct) =>
        ApplyAsync(accountId, externalId, new SystemEvent.MentionDeleted(accounts.Find(accountId)?.PlatformName ?? accountId), ct);

    private async Task<bool> ApplyAsync(string accountId, string externalId, SystemEvent e, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var caseId = await uow.Cases.FindIdAsync(accountId, externalId, ct);
        if (caseId == 0) return false;
        var outcome = await CaseChanges.ApplyAsync(uow, caseId, e, clock.Now(), ct);
        await uow.CommitAsync(ct);
        if (outcome is CaseOutcome.Transition t)
            log.LogInformation("Case {CaseId}: the mention was {Change} on the platform", caseId, t.Log.Action == DecisionActions.MentionDeleted ? "deleted" : "edited");
        return true;
    }
}
