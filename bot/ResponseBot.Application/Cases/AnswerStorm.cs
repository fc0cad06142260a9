using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Carries what was decided on a storm's lead to every other member still waiting, from the outbox, a batch per unit of work:
/// each member gets the statement (posted to it through the outbox, within the platform's limits) or is dismissed, with its own
/// decision-log entry. Members that join later get it as they arrive (IngestMention), so none is left out.
/// </summary>
public sealed class AnswerStorm(IUnitOfWorkFactory db, TimeProvider clock, ILogger<AnswerStorm> log)
{
    private const int Batch = 200;

    // Only members nobody has taken up: one claimed, escalated to the managers or with a reply of its own keeps its own course.
    private static readonly IReadOnlyList<CaseState> Waiting = [CaseState.New, CaseState.Notified];

    public async Task RunAsync(long leadCaseId, CancellationToken ct)
    {
        var done = 0;
        while (true)
        {
            await using var uow = await db.BeginAsync(ct);
            // The lead's row stays locked while members are changed, so an undo on it waits for this batch or wins before it.
            if (await uow.Cases.GetAsync(leadCaseId, ct, forUpdate: true) is not { StormId: { } stormId } lead
                || await uow.Storms.GetAsync(stormId, ct) is not { } storm || StormDecision.For(storm) is not { } decided)
                return;                                                                   // undone meanwhile: nothing to carry
            // A statement goes to members only once the lead's own undo window has closed: until then it can still be taken back.
            if (decided.Statement is not null && lead.State == CaseState.Scheduled)
                throw new DeliveryException(DeliveryFailure.Transient, "the storm's statement is still inside its undo window");
            var members = await uow.Storms.MembersInAsync(stormId, Waiting, Batch, ct);
            var now = clock.Now();
            foreach (var member in members)
                if (await CaseChanges.ApplyAsync(uow, member, decided, now, ct) is CaseOutcome.Transition) done++;
            await uow.CommitAsync(ct);
            if (members.Count < Batch) break;
        }
        log.LogInformation("Storm led by case {CaseId}: the decision was carried to {Members} member(s)", leadCaseId, done);
    }
}
