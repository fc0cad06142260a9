using Npgsql;
using NodaTime;
using ResponseBot.Application.Records;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// An export seals the decision log before its own unit of work opens, never while holding it: on a pool with one
/// connection left, a unit of work that waited for a second one would wait until the pool's timeout and fail.
/// </summary>
public sealed class ExportConnectionTests(PostgresFixture pg)
{
    [Fact]
    public async Task Exports_need_one_connection_at_a_time()
    {
        var cs = PostgresFixture.AsApp(await pg.NewDatabaseAsync());
        var db = new Db(cs);
        var caseId = await db.AddCaseAsync("exp-1");
        await db.ScalarAsync<long>("""
            insert into decision_log (case_id, at, actor_id, actor_name, action) values (@caseId, now(), 'system', 'ResponseBot', 'received') returning id
            """, new { caseId });
        await using var onePool = NpgsqlDataSource.Create(StoreRegistration.Tuned(cs + ";Maximum Pool Size=1;Timeout=3"));
        var export = new ExportRecords(new UnitOfWorkFactory(onePool), TimeProvider.System);
        var ct = CancellationToken.None;

        var now = SystemClock.Instance.GetCurrentInstant();
        var range = await export.RangeAsync(now - Duration.FromDays(1), now + Duration.FromDays(1), null, ExportFormat.Json, ct);
        Assert.Contains("exp-1", range);
        var (subject, cases) = await export.SubjectAsync(new DataSubject("acc", "h", ["acc"]), ExportFormat.Json, ct);
        Assert.Equal(1, cases);
        Assert.Contains("exp-1", subject);
        // The export sealed what was waiting first, so the entry carries its place in the chain.
        Assert.Equal(0, await db.CountAsync("decision_log", "seq is null"));
    }
}
