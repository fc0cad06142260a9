using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms;

/// <summary>The platform's id for the reply we posted, when it tells us.</summary>
public sealed record PublishedReply(string? PlatformReplyId, string? PlatformReplyUrl = null);

/// <summary>Posts an approved reply as the organisation's account. Throws DeliveryException on failure.</summary>
public interface IReplyPublisher
{
    Domain.Accounts.Platform Platform { get; }

    Task<PublishedReply> PublishAsync(string accountId, AccountOptions account, CaseRecord @case, string text, CancellationToken ct);
}
