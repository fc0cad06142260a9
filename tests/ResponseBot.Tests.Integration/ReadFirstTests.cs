using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NodaTime;
using ResponseBot.Domain.Cases;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A unit of work opened to read first: until it begins, each round trip stands alone (what it writes is kept at once,
/// whatever follows) and ending it sends nothing; once begun, what follows is kept only if it commits. The statements a
/// transaction sent are counted in pg_stat_statements, on a cluster of the test's own.
/// </summary>
public sealed class ReadFirstTests
{
    [Fact]
    public async Task Each_round_trip_stands_alone_until_the_unit_of_work_begins_and_one_that_never_began_sends_no_commit()
    {
        await using var cluster = await PostgresCluster.StartAsync(settings: ["shared_preload_libraries=pg_stat_statements"]);
        await cluster.ExecuteAsync("create database readfirst");
        var cs = StoreRegistration.Tuned(cluster.ConnectionString("readfirst") + ";Maximum Pool Size=1");
        await using var source = NpgsqlDataSource.Create(cs);
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        var db = new Db(cs);
        await db.ScalarAsync<int>("create extension pg_stat_statements; select pg_stat_statements_reset(); select 1");
        var factory = new UnitOfWorkFactory(source);
        var ct = CancellationToken.None;
        var now = SystemClock.Instance.GetCurrentInstant();
        async Task<long> CountAsync(string statement) =>
            await db.ScalarAsync<long>("select coalesce(sum(calls), 0)::bigint from pg_stat_statements where lower(query) = @statement", new { statement });
        Task InsertAsync(ResponseBot.Application.Ports.IUnitOfWork uow, string n) =>
            uow.Log.AppendAsync(DecisionEntry.System(null, now, "test", reason: n), ct);
        Task<long> RowsAsync(string n) => db.CountAsync("decision_log", "reason = @n", new { n });

        await using (var uow = await factory.ReadFirstAsync(ct))
        {
            await InsertAsync(uow, "1");
            // Not begun: the row is there for everyone already, and stays though the unit of work never commits.
            Assert.Equal(1, await RowsAsync("1"));
            await uow.CommitAsync(ct);
        }
        Assert.Equal(0, await CountAsync("commit"));
        Assert.Equal(0, await CountAsync("rollback"));
        Assert.Equal(1, await RowsAsync("1"));

        await using (var uow = await factory.ReadFirstAsync(ct))
        {
            await uow.BeginAsync(ct);
            await InsertAsync(uow, "2");
            Assert.Equal(0, await RowsAsync("2"));
        }
        Assert.Equal(0, await RowsAsync("2")); // disposed without commit: rolled back

        await using (var uow = await factory.ReadFirstAsync(ct))
        {
            await InsertAsync(uow, "3");
            await uow.BeginAsync(ct);
            await InsertAsync(uow, "4");
            await uow.CommitAsync(ct);
        }
        Assert.Equal(1, await RowsAsync("3"));
        Assert.Equal(1, await RowsAsync("4"));
        Assert.Equal(1, await CountAsync("commit"));
    }
}
