using System.Data.Common;
using Dapper;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store;

/// <summary>Send budgets in <c>send_budget</c>, reserved by the <c>reserve_send</c> function on its own connection.</summary>
public sealed class SendBudget(DbDataSource db) : ISendBudget
{
    public async Task<(TimeSpan? Wait, TimeSpan RetryAfter)> ReserveAsync(IReadOnlyList<SendLimit> limits, TimeSpan maxWait, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var wait = await conn.ExecuteScalarAsync<TimeSpan>(new CommandDefinition(
            "select reserve_send(@keys, @limits, @windows, @maxWait)",
            new { keys = limits.Select(l => l.Key).ToArray(), limits = limits.Select(l => l.Limit).ToArray(), windows = limits.Select(l => l.Window).ToArray(), maxWait },
            cancellationToken: ct));
        return wait < TimeSpan.Zero ? (null, -wait) : (wait, TimeSpan.Zero);
    }
}
