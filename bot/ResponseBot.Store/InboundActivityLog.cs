using Dapper;
using Npgsql;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Store;

public sealed class InboundActivityLog(NpgsqlDataSource db) : IInboundActivityLog
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);
    private long _nextPruneTicks;

    public async Task<bool> FirstTimeAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var inserted = await conn.ExecuteAsync(new CommandDefinition(
            "insert into inbound_activities (activity_key, received_at) values (@key, @now) on conflict do nothing",
            new { key, now }, cancellationToken: ct)) == 1;
        // Prune now and then rather than on every request; any instance may do it.
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextPruneTicks, (now + TimeSpan.FromMinutes(10)).UtcTicks, next) == next)
            await conn.ExecuteAsync(new CommandDefinition(
                "delete from inbound_activities where received_at < @cutoff", new { cutoff = now - Keep }, cancellationToken: ct));
        return inserted;
    }

    public async Task ForgetAsync(string key, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("delete from inbound_activities where activity_key = @key", new { key }, cancellationToken: ct));
    }
}
