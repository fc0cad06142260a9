using Microsoft.Extensions.Logging.Abstractions;
using ResponseBot.Application;
using Npgsql;
using NodaTime;
using ResponseBot.Application.Cases;
using ResponseBot.Domain.Cases;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Notes of refused clicks arriving together are written together: each caller's wait ends only once its note has
/// committed, notes waiting at once share a transaction, and a note the database refuses fails alone.
/// </summary>
public sealed class AttemptNotesTests(PostgresFixture pg)
{
    [Fact]
    public async Task Notes_waiting_together_commit_together_and_each_caller_returns_once_its_own_has()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var caseId = await db.AddCaseAsync();
        await using var source = NpgsqlDataSource.Create(StoreRegistration.Tuned(PostgresFixture.AsApp(db.ConnectionString)));
        await using var notes = new AttemptNotes(new UnitOfWorkFactory(source), NullLogger<AttemptNotes>.Instance);
        var now = SystemClock.Instance.GetCurrentInstant();
        DecisionEntry Note(long? id, int n) => new(id, now, $"aad-{n}", $"Person {n}", DecisionActions.Refused, Reason: "AlreadyHandled", CardVersion: n);

        // Every insert into the log held up by a transaction elsewhere, while forty notes arrive.
        await using var blocker = new NpgsqlConnection(db.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var lockLog = new NpgsqlCommand("lock table decision_log in share mode", blocker, hold)) await lockLog.ExecuteNonQueryAsync();
        // The first note's batch is held up; the others arrive, half and then half, while it waits.
        var written = new List<Task> { notes.WriteAsync(Note(caseId, 0), CancellationToken.None) };
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(
            "select count(*) from pg_locks where relation = 'decision_log'::regclass and not granted") > 0, "a batch waiting");
        written.AddRange(Enumerable.Range(1, 19).Select(n => notes.WriteAsync(Note(caseId, n), CancellationToken.None)));
        await Task.Delay(200);
        written.AddRange(Enumerable.Range(20, 20).Select(n => notes.WriteAsync(Note(caseId, n), CancellationToken.None)));
        await Task.Delay(200);
        Assert.DoesNotContain(written, w => w.IsCompleted);

        await hold.RollbackAsync();
        await Task.WhenAll(written);
        Assert.Equal(40, await db.CountAsync("decision_log", "action = 'refused' and case_id = @caseId", new { caseId }));
        // The writer took the first and was held up; everything that came after gathered behind it, for one more commit.
        var commits = await db.ScalarAsync<long>("select count(distinct xmin::text) from decision_log");
        Assert.True(commits <= 2, $"{commits} commits for 40 notes");

        // One note naming no case, among good ones: it alone fails; the others are written.
        var mixed = new[] { Note(caseId, 100), Note(caseId + 1000, 101), Note(caseId, 102) }.Select(n => notes.WriteAsync(n, CancellationToken.None)).ToList();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => mixed[1]);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        await mixed[0];
        await mixed[2];
        Assert.Equal(2, await db.CountAsync("decision_log", "card_version in (100, 102)"));
        Assert.Equal(0, await db.CountAsync("decision_log", "card_version = 101"));
    }

    [Fact]
    public async Task Past_the_most_that_may_wait_a_note_is_turned_away_at_once_and_so_is_one_arriving_as_the_bot_stops()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var caseId = await db.AddCaseAsync();
        await using var source = NpgsqlDataSource.Create(StoreRegistration.Tuned(PostgresFixture.AsApp(db.ConnectionString)));
        var notes = new AttemptNotes(new UnitOfWorkFactory(source), NullLogger<AttemptNotes>.Instance, maxWaiting: 3);
        var now = SystemClock.Instance.GetCurrentInstant();
        DecisionEntry Note(int n) => new(caseId, now, $"aad-{n}", $"Person {n}", DecisionActions.Refused, Reason: "AlreadyHandled", CardVersion: n);

        // The writer is held up by a lock elsewhere with one note in hand; three more may wait behind it, and no more.
        await using var blocker = new NpgsqlConnection(db.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var lockLog = new NpgsqlCommand("lock table decision_log in share mode", blocker, hold)) await lockLog.ExecuteNonQueryAsync();
        var written = new List<Task> { notes.WriteAsync(Note(0), CancellationToken.None) };
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(
            "select count(*) from pg_locks where relation = 'decision_log'::regclass and not granted") > 0, "a batch waiting");
        written.AddRange(Enumerable.Range(1, 3).Select(n => notes.WriteAsync(Note(n), CancellationToken.None)));
        var turnedAway = await Assert.ThrowsAsync<TurnedAwayException>(() => notes.WriteAsync(Note(4), CancellationToken.None));
        Assert.Contains("too many", turnedAway.Message);

        await hold.RollbackAsync();
        await Task.WhenAll(written);
        Assert.Equal(4, await db.CountAsync("decision_log", "action = 'refused'"));
        Assert.Equal(0, await db.CountAsync("decision_log", "card_version = 4"));
        // Room again once they are written.
        await notes.WriteAsync(Note(5), CancellationToken.None);

        await notes.DisposeAsync();
        var stopping = await Assert.ThrowsAsync<TurnedAwayException>(() => notes.WriteAsync(Note(6), CancellationToken.None));
        Assert.Contains("stopping", stopping.Message);
        Assert.Equal(5, await db.CountAsync("decision_log", "action = 'refused'"));
    }
}
