using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class PlatformSessionRepository(Session s) : IPlatformSessionRepository
{
    public Task<string?> FindAsync(string accountId, CancellationToken ct) =>
        s.ScalarAsync<string?>("select protected from platform_sessions where account_id = @accountId", new { accountId }, ct);

    public Task SaveAsync(string accountId, string @protected, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into platform_sessions (account_id, protected, updated_at) values (@accountId, @protected, @now)
            on conflict (account_id) do update set protected = excluded.protected, updated_at = excluded.updated_at
            """, new { accountId, @protected, now }, ct);
}
