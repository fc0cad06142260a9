using NodaTime;
using ResponseBot.Application.Ports;

namespace ResponseBot.Store.Repositories;

internal sealed class ActivityRepository(Session s) : IActivityRepository
{
    /// <summary>Records activity @key as handled: one row the first time, none for a repeat.</summary>
    internal const string FirstTimeSql = "insert into inbound_activities (activity_key, received_at) values (@key, @now) on conflict do nothing returning true";

    /// <summary>As <see cref="FirstTimeSql"/> answers, without recording it: a row when the activity was never handled.</summary>
    internal const string NotSeenSql = "select true where not exists (select 1 from inbound_activities where activity_key = @key)";

    public async Task<bool> FirstTimeAsync(string key, Instant now, CancellationToken ct) => await s.ScalarAsync<bool>(FirstTimeSql, new { key, now }, ct);

    public Task PruneAsync(Instant before, CancellationToken ct) =>
        s.ExecuteAsync("delete from inbound_activities where received_at < @before", new { before }, ct);
}
