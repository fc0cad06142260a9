using Npgsql;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Through the real click path: a click refused because the case moved on commits without waiting for the disk, and one
/// refused because of who pressed it commits as surely as any change. What each transaction asked of PostgreSQL is read from
/// pg_stat_statements, on a cluster of the test's own.
/// </summary>
public sealed class RefusedClickCommitTests
{
    private const string Relax = "set local synchronous_commit = off";

    [Fact]
    public async Task Only_a_refusal_about_the_case_commits_without_waiting()
    {
        await using var pg = await PostgresFixture.StartAsync("shared_preload_libraries=pg_stat_statements");
        await pg.Cluster.ExecuteAsync("create extension pg_stat_statements");
        await using var s = await Scenario.StartAsync(pg);
        var database = new NpgsqlConnectionStringBuilder(s.Db.ConnectionString).Database;
        async Task<long> RelaxedAsync() => await new Db(pg.Cluster.ConnectionString("postgres")).ScalarAsync<long>("""
            select coalesce(sum(calls), 0)::bigint from pg_stat_statements
             where query = @Relax and dbid = (select oid from pg_database where datname = @database)
            """, new { Relax, database });
        await s.GoOnCallAsync(s.Alex);
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        var caseId = await s.MentionAsync("m-relaxed", "The bins on Elm Road weren't collected");
        await s.CardPostedToAsync(s.Alex, caseId);
        var before = await RelaxedAsync();

        // Alex presses Approve on a card the case has moved on from.
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId, version: 99);
        Assert.Equal("StaleCard", await s.Db.ScalarAsync<string>(
            "select reason from decision_log where case_id = @caseId and action = 'refused' and actor_id = 'aad-alex'", new { caseId }));
        Assert.Equal(before + 1, await RelaxedAsync());

        // Megan, not on call, presses it: refused for who she is, and that note waits for the disk.
        await s.ClickAsync(s.Megan, CardVerbs.Approve, caseId, version: 1);
        Assert.Equal("NotOnCall", await s.Db.ScalarAsync<string>(
            "select reason from decision_log where case_id = @caseId and action = 'refused' and actor_id = 'aad-megan'", new { caseId }));
        Assert.Equal(before + 1, await RelaxedAsync());
    }
}
