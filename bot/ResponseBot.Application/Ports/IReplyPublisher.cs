using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>The platform's id for the reply we posted, when it tells us.</summary>
public sealed record PublishedReply(string? PlatformReplyId, string? PlatformReplyUrl = null);

/// <summary>What is being posted: the case's reply, or the automatic holding reply before it.</summary>
public enum ReplyKind { Reply, Holding }

/// <summary>Posts a reply as the organisation's account, at most once per case and kind. Throws DeliveryException on failure.</summary>
public interface IReplyPublisher
{
    Platform Platform { get; }

    Task<PublishedReply> PublishAsync(CaseRecord @case, string text, ReplyKind kind, CancellationToken ct);
}
