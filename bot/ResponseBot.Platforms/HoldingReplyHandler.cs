using Microsoft.Extensions.Logging;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Platforms;

/// <summary>
/// Posts the automatic holding reply queued with a new case. The case stays open for a person: this only tells
/// the public when someone will look and what to do in an emergency.
/// </summary>
public sealed class HoldingReplyHandler(
    ICaseStore cases, AccountDirectory accounts, IEnumerable<IReplyPublisher> publishers, TimeProvider clock, ILogger<HoldingReplyHandler> log)
    : IOutboxHandler
{
    public string Kind => OutboxKinds.HoldingReply;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var @case = await cases.GetAsync(message.CaseId!.Value, ct)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, "the case no longer exists");
        // Someone answered properly before the holding reply went out: it would only confuse.
        if (@case.State is CaseState.Sent or CaseState.Publishing or CaseState.Dismissed)
        {
            log.LogInformation("Case {CaseId}: holding reply skipped, the case is {State}", @case.Id, @case.State);
            return;
        }
        var (settings, publisher) = PublisherChoice.For(accounts, publishers, @case.Mention.AccountId);
        var published = await publisher.PublishAsync(@case.Mention.AccountId, settings, @case, message.Payload!, ReplyKind.Holding, ct);
        await cases.RecordHoldingReplyAsync(@case.Id, message.Payload!, published.PlatformReplyId, null, clock.GetUtcNow(), ct);
        log.LogInformation("Posted the holding reply for case {CaseId}", @case.Id);
    }

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        cases.RecordHoldingReplyAsync(message.CaseId!.Value, message.Payload ?? "", null, reason, clock.GetUtcNow(), ct);
}
