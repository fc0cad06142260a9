using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class SourceRepository(Session s) : ISourceRepository
{
    public Task EnsureAsync(IReadOnlyList<string> accountIds, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into sources (account_id, next_poll_at, created_at) select id, @now, @now from unnest(@ids) as ids(id)
            on conflict (account_id) do nothing
            """, new { ids = accountIds.ToArray(), now }, ct);

    // SKIP LOCKED and a lease: two instances never poll one account at once, and a poll that died is retried after its lease.
    public Task<ClaimedSource?> ClaimDueAsync(IReadOnlyList<string> accountIds, Instant now, Instant leaseUntil, CancellationToken ct) =>
        s.SingleOrDefaultAsync<ClaimedSource>("""
            update sources set leased_until = @leaseUntil
             where account_id = (select account_id from sources
                                  where account_id = any(@ids) and next_poll_at <= @now and (leased_until is null or leased_until <= @now)
                                  order by next_poll_at limit 1 for update skip locked)
            returning account_id as AccountId, cursor as Cursor
            """, new { ids = accountIds.ToArray(), now, leaseUntil }, ct);

    public async Task<bool> SucceededAsync(string accountId, string? cursor, int mentions, Instant nextDue, Instant now, CancellationToken ct)
    {
        var alarmed = await s.ScalarAsync<bool>("select alarm_raised_at is not null from sources where account_id = @accountId for update",
            new { accountId }, ct);
        await s.ExecuteAsync("""
            update sources
               set cursor = @cursor, next_poll_at = @nextDue, leased_until = null, last_success_at = @now, consecutive_failures = 0,
                   last_error = null, last_mention_at = case when @mentions > 0 then @now else last_mention_at end, alarm_raised_at = null
             where account_id = @accountId
            """, new { accountId, cursor, mentions, nextDue, now }, ct);
        return alarmed;
    }

    public async Task<(int Failures, bool Alarmed)> FailedAsync(string accountId, string error, Instant nextDue, Instant now, CancellationToken ct) =>
        await s.SingleOrDefaultAsync<(int, bool)>("""
            update sources
               set next_poll_at = @nextDue, leased_until = null, last_failure_at = @now, consecutive_failures = consecutive_failures + 1,
                   last_error = @error
             where account_id = @accountId
            returning consecutive_failures, alarm_raised_at is not null
            """, new { accountId, error, nextDue, now }, ct);

    public Task<IReadOnlyList<SourceStatus>> ListAsync(CancellationToken ct) =>
        s.QueryAsync<SourceStatus>("""
            select account_id as AccountId, last_success_at as LastSuccessAt, last_failure_at as LastFailureAt, last_mention_at as LastMentionAt,
                   consecutive_failures as ConsecutiveFailures, last_error as LastError, alarm_raised_at as AlarmRaisedAt,
                   token_expires_at as TokenExpiresAt, silence_alarm_raised_at as SilenceAlarmRaisedAt, created_at as CreatedAt
              from sources order by account_id
            """, null, ct);

    public Task TokenExpiresAsync(string accountId, Instant? at, CancellationToken ct) =>
        s.ExecuteAsync("update sources set token_expires_at = @at where account_id = @accountId", new { accountId, at }, ct);

    public Task SilenceAlarmAsync(string accountId, Instant? raisedAt, CancellationToken ct) =>
        s.ExecuteAsync("update sources set silence_alarm_raised_at = @raisedAt where account_id = @accountId", new { accountId, raisedAt }, ct);

    public Task<Instant?> LastMentionAsync(string accountId, CancellationToken ct) =>
        s.ScalarAsync<Instant?>("select max(received_at) from cases where account_id = @accountId", new { accountId }, ct);

    public Task AlarmRaisedAsync(string accountId, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("update sources set alarm_raised_at = @now where account_id = @accountId", new { accountId, now }, ct);
}
