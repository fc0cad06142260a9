using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class ActivityRepository(Session s) : IActivityRepository
{
    public async Task<bool> FirstTimeAsync(string key, Instant now, CancellationToken ct) =>
        await s.ExecuteAsync("insert into inbound_activities (activity_key, received_at) values (@key, @now) on conflict do nothing", new { key, now }, ct) == 1;

    public Task PruneAsync(Instant before, CancellationToken ct) =>
        s.ExecuteAsync("delete from inbound_activities where received_at < @before", new { before }, ct);
}
