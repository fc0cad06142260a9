using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>
/// What a poll of one account found: the mentions (any order; each is stored once however often it comes) and the cursor to
/// continue from next time, opaque to everything but the source that wrote it.
/// </summary>
public sealed record MentionBatch(IReadOnlyList<Mention> Mentions, string? Cursor)
{
    /// <summary>When the token the source used expires, for platforms whose tokens do (shown in source health).</summary>
    public NodaTime.Instant? TokenExpiresAt { get; init; }

    /// <summary>No poll before this (the platform's rate-limit window is used up until then); null: the usual interval.</summary>
    public NodaTime.Instant? NotBefore { get; init; }
}

/// <summary>A platform whose mentions are fetched (polled) rather than pushed. Throws DeliveryException on failure.</summary>
public interface IMentionSource
{
    Platform Platform { get; }

    /// <param name="cursor">What the last successful poll returned (null: first poll of this account).</param>
    Task<MentionBatch> FetchAsync(string accountId, string? cursor, CancellationToken ct);
}
