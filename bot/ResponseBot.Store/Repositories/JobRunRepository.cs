using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class JobRunRepository(Session s) : IJobRunRepository
{
    public async Task<bool> TryStartAsync(string job, Instant scheduledFor, string instance, Instant now, CancellationToken ct) =>
        await s.ExecuteAsync("""
            insert into job_runs (job, scheduled_for, instance, started_at) values (@job, @scheduledFor, @instance, @now)
            on conflict do nothing
            """, new { job, scheduledFor, instance, now }, ct) == 1;

    public Task<Instant?> PreviousAsync(string job, Instant before, CancellationToken ct) =>
        s.ScalarAsync<Instant?>("select max(scheduled_for) from job_runs where job = @job and scheduled_for < @before", new { job, before }, ct);
}
