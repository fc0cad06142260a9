using NodaTime;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Posts an approved reply once its undo window is over: the case moves to Publishing owned by this outbox message (so an
/// undo that got in first leaves nothing to post, and no other message can post it again), the platform is called outside
/// any transaction, and the outcome is recorded. A reply given up on comes back to people as Failed.
/// </summary>
public sealed class PublishReply(IUnitOfWorkFactory db, IAccountDirectory accounts, IEnumerable<IReplyPublisher> publishers,
    Metrics.ResponseBotMetrics metrics, TimeProvider clock, ILogger<PublishReply> log)
{
    public async Task RunAsync(long caseId, long outboxId, CancellationToken ct)
    {
        if (await TryBeginPublishAsync(caseId, outboxId, clock.Now(), ct) is not { } c)
        {
            log.LogInformation("Case {CaseId}: nothing to post for outbox message {OutboxId}", caseId, outboxId);
            return;
        }
        var published = await Publishers.For(accounts, publishers, c.Mention.AccountId).PublishAsync(c, c.ReplyText!, ReplyKind.Reply, ct);
        await ApplyAsync(caseId, new SystemEvent.Published(published.PlatformReplyId, published.PlatformReplyUrl), ct);
        log.LogInformation("Published reply for case {CaseId} (platform id {PlatformReplyId})", caseId, published.PlatformReplyId);
    }

    /// <summary>Scheduled → Publishing for <paramref name="outboxId"/>, or the case it already owns; null: nothing to post.</summary>
    public async Task<CaseRecord?> TryBeginPublishAsync(long caseId, long outboxId, Instant now, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var owned = await CaseChanges.ApplyAsync(uow, caseId, new SystemEvent.PublishStarted(outboxId), now, ct) switch
        {
            CaseOutcome.Transition t => t.After,
            CaseOutcome.Unchanged u => u.Case,
            _ => null,
        };
        await uow.CommitAsync(ct);
        return owned;
    }

    public Task GiveUpAsync(long caseId, string reason, CancellationToken ct) => ApplyAsync(caseId, new SystemEvent.PublishFailed(reason), ct);

    // Decided on the locked row, so a late duplicate outcome can't rewrite a finished case.
    private async Task ApplyAsync(long caseId, SystemEvent e, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var outcome = await CaseChanges.ApplyAsync(uow, caseId, e, clock.Now(), ct);
        await uow.CommitAsync(ct);
        // Sent is final, so this is the case's one published reply (a holding reply is not a response).
        if (outcome is CaseOutcome.Transition { After: { State: CaseState.Sent, PublishedAt: { } at } sent })
            metrics.FirstResponse(at - sent.ReceivedAt);
    }
}

public static class Publishers
{
    /// <summary>The publisher for the account's platform; an account or platform gone from configuration is a permanent failure.</summary>
    public static IReplyPublisher For(IAccountDirectory accounts, IEnumerable<IReplyPublisher> publishers, string accountId)
    {
        var account = accounts.Find(accountId) ?? throw new DeliveryException(DeliveryFailure.Permanent, $"account {accountId} is no longer configured");
        return publishers.FirstOrDefault(p => p.Platform == account.Platform)
            ?? throw new DeliveryException(DeliveryFailure.Permanent, $"no publisher for {account.Platform}");
    }
}
