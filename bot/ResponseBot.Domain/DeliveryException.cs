namespace ResponseBot.Domain;

public enum DeliveryFailure
{
    /// <summary>Worth retrying later (throttled, unavailable, timed out).</summary>
    Transient,
    /// <summary>The recipient can't be reached (blocked the app, removed it); try someone else.</summary>
    Undeliverable,
    /// <summary>Retrying won't help (rejected as invalid).</summary>
    Permanent,
    /// <summary>Bigger than the chat service accepts (Teams' 413): a smaller version of the same message may go.</summary>
    TooLarge,
    /// <summary>
    /// The chat service refuses the app itself, for everyone (an admin blocked it tenant-wide, or its credentials aren't
    /// accepted): nobody is to blame and nothing is lost: the message waits, without using up its attempts, until that is fixed.
    /// </summary>
    AppRefused,
    /// <summary>Not sent: the platform's budget is spent until RetryAfter. Rescheduled, the attempt not counted.</summary>
    Paced,
}

/// <summary>An outbound send that did not happen, classified so the outbox knows what to do next.</summary>
public sealed class DeliveryException(DeliveryFailure failure, string reason, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(reason, inner)
{
    /// <summary>
    /// Why a message to someone with no chat with the bot isn't sent. Nothing refused it, so it says nothing new about them:
    /// they may be installing the app this very moment, and must not be marked as having removed it.
    /// </summary>
    public const string NoChat = "no chat with this person (app not installed)";

    public DeliveryFailure Failure { get; } = failure;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
