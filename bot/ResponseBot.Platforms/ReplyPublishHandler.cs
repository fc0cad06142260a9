using Microsoft.Extensions.Logging;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Platforms;

/// <summary>Outbox handler that posts an approved reply and records the outcome on the case.</summary>
public sealed class ReplyPublishHandler(
    ICaseStore cases, AccountDirectory accounts, IEnumerable<IReplyPublisher> publishers, TimeProvider clock, ILogger<ReplyPublishHandler> log)
    : IOutboxHandler
{
    public string Kind => OutboxKinds.PublishReply;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        // The undo window closes here, atomically: an undo that got in first leaves nothing to post, and a case
        // another message owns (or that is already posted) is never posted again.
        var @case = await cases.TryBeginPublishAsync(message.CaseId!.Value, message.Id, clock.GetUtcNow(), ct);
        if (@case is null)
        {
            log.LogInformation("Case {CaseId}: nothing to post for outbox message {OutboxId}", message.CaseId, message.Id);
            return;
        }
        var (settings, publisher) = PublisherChoice.For(accounts, publishers, @case.Mention.AccountId);

        var published = await publisher.PublishAsync(@case.Mention.AccountId, settings, @case, @case.ReplyText!, ReplyKind.Reply, ct);
        await cases.MarkPublishedAsync(@case.Id, published.PlatformReplyId, published.PlatformReplyUrl, clock.GetUtcNow(), ct);
        log.LogInformation("Published reply for case {CaseId} (platform id {PlatformReplyId})", @case.Id, published.PlatformReplyId);
    }

    public Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct) =>
        cases.MarkPublishFailedAsync(message.CaseId!.Value, reason, clock.GetUtcNow(), ct);
}
