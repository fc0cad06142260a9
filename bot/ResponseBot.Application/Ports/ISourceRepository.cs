using NodaTime;

namespace ResponseBot.Application.Ports;

/// <summary>An account whose mentions are polled, claimed for one poll: its cursor from the last successful one.</summary>
public sealed record ClaimedSource(string AccountId, string? Cursor);

/// <summary>How a polled account is doing, for people and for monitoring.</summary>
public sealed record SourceStatus(string AccountId, Instant? LastSuccessAt, Instant? LastFailureAt, Instant? LastMentionAt, int ConsecutiveFailures,
    string? LastError, Instant? AlarmRaisedAt, Instant? TokenExpiresAt, Instant? SilenceAlarmRaisedAt, Instant CreatedAt);

/// <summary>The polled accounts (sources): cursors and when each is next due. Each poll is claimed by one instance.</summary>
public interface ISourceRepository
{
    /// <summary>Makes sure each of these accounts has a row (a new one is due at once).</summary>
    Task EnsureAsync(IReadOnlyList<string> accountIds, Instant now, CancellationToken ct);

    /// <summary>The next due account no other instance holds (SKIP LOCKED), leased until <paramref name="leaseUntil"/>.</summary>
    Task<ClaimedSource?> ClaimDueAsync(IReadOnlyList<string> accountIds, Instant now, Instant leaseUntil, CancellationToken ct);

    /// <summary>A poll that worked: the new cursor, the next due time, the failure count back to zero and any alarm cleared.
    /// True when an alarm was raised for it (so the rota hears it has recovered).</summary>
    Task<bool> SucceededAsync(string accountId, string? cursor, int mentions, Instant nextDue, Instant now, CancellationToken ct);

    /// <summary>A poll that failed: the cursor stays, so nothing is missed; tried again at <paramref name="nextDue"/>.
    /// Returns the failures in a row, and whether the rota has already been told.</summary>
    Task<(int Failures, bool Alarmed)> FailedAsync(string accountId, string error, Instant nextDue, Instant now, CancellationToken ct);

    Task<IReadOnlyList<SourceStatus>> ListAsync(CancellationToken ct);

    /// <summary>Records that the rota has been told this source is failing.</summary>
    Task AlarmRaisedAsync(string accountId, Instant now, CancellationToken ct);

    /// <summary>When the token the last poll used expires (null: it doesn't, or the platform doesn't say).</summary>
    Task TokenExpiresAsync(string accountId, Instant? at, CancellationToken ct);

    /// <summary>Records (or with null clears) that the rota has been told the source has gone quiet.</summary>
    Task SilenceAlarmAsync(string accountId, Instant? raisedAt, CancellationToken ct);

    /// <summary>When the account's latest mention was received, from its cases (any source).</summary>
    Task<Instant?> LastMentionAsync(string accountId, CancellationToken ct);
}
