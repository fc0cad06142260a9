using Npgsql;
using NodaTime;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// A card click reads everything it decides on in one batch. What the batch returns must be exactly what each repository
/// returns on its own, in the same transaction, for a case with a bit of everything: a thread, a posted card, an escalation,
/// a rota override, a takeover and a pre-election period.
/// </summary>
public sealed class CaseClickReaderTests(PostgresFixture pg)
{
    [Fact]
    public async Task One_batch_reads_what_each_repository_reads_and_records_the_activity_once()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        var first = await s.MentionAsync("k-1", "The bins on Elm Road weren't collected");
        var caseId = await s.MentionAsync("k-2", "Still nothing, it's starting to smell");
        // Both cards posted and recorded, so nothing changes the cases while the reads are compared.
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("case_cards", "case_id in (@first, @caseId)", new { first, caseId }) == 2, "both cards recorded");
        var now = SystemClock.Instance.GetCurrentInstant();
        await s.Db.AddOverrideAsync("Secondary", "aad-megan", now - Duration.FromHours(1), now + Duration.FromHours(5));
        await s.Db.ScalarAsync<int>("insert into case_escalations (case_id, staff_id, step, at) values (@caseId, 'aad-adele', 1, now()) returning 1", new { caseId });
        await s.Db.ScalarAsync<long>("""
            insert into election_periods (name, starts_on, ends_on, accounts, created_by, created_at)
            values ('By-election', current_date - 3, current_date + 10, '{}', 'aad-adele', now()) returning id
            """);

        await using var source = NpgsqlDataSource.Create(s.Db.ConnectionString);
        var db = new UnitOfWorkFactory(source);
        var address = new ChatAddress("aad-alex", "Alex Wilber", "29:alex", "tenant-1", "https://smba.example/uk/", "28:bot", "a:personal-29:alex");
        var today = LocalDate.FromDateTime(DateTime.UtcNow);
        CaseClickQuery Query(long id, string? key, bool record = true) => new(id, key, record, address, DutyReader.Around(now), today, CaseViews.ThreadShown);

        await using (var uow = await db.BeginAsync(CancellationToken.None))
        {
            var reads = await uow.Clicks.ReadAsync(Query(caseId, "conv|activity-1"), now, CancellationToken.None);
            Assert.True(reads.FirstTime);
            Assert.Equivalent(await uow.Cases.GetAsync(caseId, CancellationToken.None), reads.Case, strict: true);
            Assert.Equal(caseId, reads.Case!.Id);
            Assert.Equal(await uow.Overrides.OverlappingAsync(DutyReader.Around(now), CancellationToken.None), reads.Overrides);
            Assert.Single(reads.Overrides);
            Assert.Equal(await uow.Duty.TakeoversAsync(now, CancellationToken.None), reads.Takeovers);
            Assert.Contains(reads.Takeovers, t => t.StaffId == "aad-alex");
            Assert.Equal(["aad-adele"], reads.EscalatedTo);
            Assert.Equal(await uow.CaseCards.ForCaseAsync(caseId, CancellationToken.None), reads.Cards);
            Assert.Equal("aad-alex", Assert.Single(reads.Cards).StaffId);
            Assert.Equal(await uow.Cases.ThreadAsync(caseId, CaseViews.ThreadShown, CancellationToken.None), reads.Conversation);
            Assert.Equal(first, Assert.Single(reads.Conversation).Id);
            Assert.Equivalent(await uow.Elections.CurrentAsync(today, CancellationToken.None), reads.Elections, strict: true);
            Assert.Equal("By-election", Assert.Single(reads.Elections).Name);
            // The presser's address was saved with it, as every chat request does.
            Assert.Equal(address, await uow.Staff.FindAddressAsync("aad-alex", CancellationToken.None));
            await uow.CommitAsync(CancellationToken.None);
        }

        await using (var uow = await db.BeginAsync(CancellationToken.None))
        {
            // The same activity again is a repeat; an unknown case is none.
            Assert.False((await uow.Clicks.ReadAsync(Query(caseId, "conv|activity-1"), now, CancellationToken.None)).FirstTime);
            // Only looked up, an activity is found as handled, or not, and not recorded.
            Assert.False((await uow.Clicks.ReadAsync(Query(caseId, "conv|activity-1", record: false), now, CancellationToken.None)).FirstTime);
            Assert.True((await uow.Clicks.ReadAsync(Query(caseId, "conv|activity-3", record: false), now, CancellationToken.None)).FirstTime);
            Assert.True((await uow.Clicks.ReadAsync(Query(caseId, "conv|activity-3", record: false), now, CancellationToken.None)).FirstTime);
            // From the thread's first case, the conversation is the case that joined it.
            var fromFirst = await uow.Clicks.ReadAsync(Query(first, null), now, CancellationToken.None);
            Assert.Equal(caseId, Assert.Single(fromFirst.Conversation).Id);
            var none = await uow.Clicks.ReadAsync(Query(999_999, "conv|activity-2"), now, CancellationToken.None);
            Assert.Null(none.Case);
            Assert.Empty(none.Cards);
            Assert.Empty(none.Conversation);

            var locked = await uow.Clicks.LockAsync(caseId, null, now, CancellationToken.None);
            Assert.Equivalent(await uow.Cases.GetAsync(caseId, CancellationToken.None), locked.Case, strict: true);
            Assert.Equal(caseId, locked.Case!.Id);
            Assert.Equal(["aad-adele"], locked.EscalatedTo);
            Assert.Equal("aad-alex", Assert.Single(locked.Cards).StaffId);
            Assert.True(locked.FirstTime);
            // Recorded with the lock: the first time it is, the next it is found handled, and the reads are the same.
            var recording = await uow.Clicks.LockAsync(caseId, "conv|activity-3", now, CancellationToken.None);
            Assert.True(recording.FirstTime);
            Assert.Equivalent(locked, recording, strict: true);
            Assert.False((await uow.Clicks.ReadAsync(Query(caseId, "conv|activity-3", record: false), now, CancellationToken.None)).FirstTime);
            Assert.False((await uow.Clicks.LockAsync(caseId, "conv|activity-3", now, CancellationToken.None)).FirstTime);
            Assert.False((await uow.Clicks.LockAsync(caseId, "conv|activity-1", now, CancellationToken.None)).FirstTime);
            // Locked: another transaction can't take the case for update until this one ends.
            await using var other = new NpgsqlConnection(s.Db.ConnectionString);
            await other.OpenAsync();
            await using var tx = await other.BeginTransactionAsync();
            await using var nowait = new NpgsqlCommand("select id from cases where id = @caseId for no key update nowait", other, tx);
            nowait.Parameters.AddWithValue("caseId", caseId);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => nowait.ExecuteScalarAsync());
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, refused.SqlState);
        }
    }
}
