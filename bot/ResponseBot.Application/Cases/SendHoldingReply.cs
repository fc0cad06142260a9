using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Posts the automatic holding reply queued with a new case, under its own idempotency key, unless the case was answered
/// first; records the text and the platform's id (or why it was given up on) in the case's log. The case stays open for a person.
/// </summary>
public sealed class SendHoldingReply(IUnitOfWorkFactory db, IAccountDirectory accounts, IEnumerable<IReplyPublisher> publishers, TimeProvider clock,
    ILogger<SendHoldingReply> log)
{
    public async Task RunAsync(long caseId, string text, CancellationToken ct)
    {
        CaseRecord c;
        await using (var uow = await db.BeginAsync(ct))
            c = await uow.Cases.GetAsync(caseId, ct) ?? throw new DeliveryException(DeliveryFailure.Permanent, "the case no longer exists");
        // Someone answered properly before the holding reply went out: it would only confuse.
        if (!CaseWorkflow.WantsHoldingReply(c))
        {
            log.LogInformation("Case {CaseId}: holding reply skipped, the case is {State}", c.Id, c.State);
            return;
        }
        var published = await Publishers.For(accounts, publishers, c.Mention.AccountId).PublishAsync(c, text, ReplyKind.Holding, ct);
        await RecordAsync(caseId, new SystemEvent.HoldingReplyOutcome(text, published.PlatformReplyId, null), ct);
        log.LogInformation("Posted the holding reply for case {CaseId}", c.Id);
    }

    public Task GiveUpAsync(long caseId, string text, string reason, CancellationToken ct) =>
        RecordAsync(caseId, new SystemEvent.HoldingReplyOutcome(text, null, reason), ct);

    private async Task RecordAsync(long caseId, SystemEvent e, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await CaseChanges.ApplyAsync(uow, caseId, e, clock.Now(), ct);
        await uow.CommitAsync(ct);
    }
}
