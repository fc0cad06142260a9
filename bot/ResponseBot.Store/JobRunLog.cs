using Dapper;
using Npgsql;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Store;

public sealed class JobRunLog(NpgsqlDataSource db) : IJobRunLog
{
    public async Task<bool> TryStartAsync(string job, DateTimeOffset scheduledFor, string instance, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("""
            insert into job_runs (job, scheduled_for, instance, started_at) values (@job, @scheduledFor, @instance, @now)
            on conflict do nothing
            """, new { job, scheduledFor, instance, now }, cancellationToken: ct)) == 1;
    }
}
