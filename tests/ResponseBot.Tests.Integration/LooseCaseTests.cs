using Npgsql;
using NodaTime;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Triage;
using ResponseBot.Store;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The loose cases a routed mention may start a storm with: routed cases of its account from the storm window, in no storm
/// and not taken up, that may be absorbed and share a storm band (two storm keys) with it — found through the bands'
/// index, which holds a case once it is routed.
/// </summary>
public sealed class LooseCaseTests(PostgresFixture pg)
{
    [Fact]
    public async Task A_loose_case_shares_two_storm_keys_with_the_mention_and_was_routed_within_the_window()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await using var source = NpgsqlDataSource.Create(db.ConnectionString);
        var uows = new UnitOfWorkFactory(source);
        var now = SystemClock.Instance.GetCurrentInstant();
        var ct = CancellationToken.None;

        async Task<long> CaseAsync(string id, int[] keys, Instant? receivedAt = null, string account = "council", bool routed = true, string text = "Why is Mill Lane closed again")
        {
            var mention = new Mention(account, id, new Author("resident7", "A Resident", null), text, null, now, null);
            var c = new NewCase(mention, TriageRules.Default.Evaluate(mention, null), keys, now + Duration.FromHours(4));
            await using var uow = await uows.BeginAsync(ct);
            var caseId = (await uow.Cases.InsertAsync([c], [Arrival.Received(c, now)], receivedAt ?? now, ct))[0]!.Value;
            if (routed) Assert.Equal(1, await uow.Cases.MarkRoutedAsync(new Dictionary<long, long?> { [caseId] = null }, now, ct));
            await uow.CommitAsync(ct);
            return caseId;
        }

        var two = await CaseAsync("two", [1, 2, 50, 51]);
        var three = await CaseAsync("three", [1, 2, 3, 60], receivedAt: now - Duration.FromMinutes(2));
        var one = await CaseAsync("one", [1, 70, 71, 72]);
        var none = await CaseAsync("none", [80, 81]);
        var unrouted = await CaseAsync("unrouted", [1, 2, 3], routed: false);
        var old = await CaseAsync("old", [1, 2, 3], receivedAt: now - Duration.FromMinutes(20));
        var elsewhere = await CaseAsync("elsewhere", [1, 2, 3], account: "police");
        var stormed = await CaseAsync("stormed", [1, 2, 3]);
        var taken = await CaseAsync("taken", [1, 2, 3]);
        var except = await CaseAsync("except", [1, 2, 3]);
        var emergency = await CaseAsync("emergency", [1, 2, 3], text: "Fire on Mill Lane, call 999");
        await db.ScalarAsync<int>("update cases set state = 'Claimed' where id = @taken", new { taken });
        await db.ScalarAsync<int>("""
            with st as (insert into storms (account_id, lead_case_id, signature, started_at, last_at, members)
                        values ('council', @stormed, 'why is mill lane closed again', now(), now(), 1) returning id)
            update cases set storm_id = (select id from st) where id = @stormed
            """, new { stormed });

        await using (var uow = await uows.BeginAsync(ct))
        {
            var loose = await uow.Storms.LooseAsync("council", now - Storms.Window, [except], [1, 2, 3, 4, 5, 6, 7, 8], 200, ct);
            // Newest first; one key in common is not enough, nor is a case not yet routed, too old, of another account, in a
            // storm, taken up, excepted or never absorbed.
            Assert.Equal([two, three], loose.Select(l => l.Id));
            Assert.Equal("Why is Mill Lane closed again", loose[0].Text);
            Assert.Equal([three], (await uow.Storms.LooseAsync("council", now - Storms.Window, [], [3, 60], 200, ct)).Select(l => l.Id));
            Assert.Equal([two], (await uow.Storms.LooseAsync("council", now - Storms.Window, [except], [1, 2, 3], 1, ct)).Select(l => l.Id));
            Assert.Equal([one], (await uow.Storms.LooseAsync("council", now - Storms.Window, [], [1, 70], 200, ct)).Select(l => l.Id));
            Assert.Empty(await uow.Storms.LooseAsync("council", now - Storms.Window, [], [80, 99], 200, ct));
            Assert.Equal([none], (await uow.Storms.LooseAsync("council", now - Storms.Window, [], [80, 81], 200, ct)).Select(l => l.Id));
            // Received before the window: loose for a longer one.
            Assert.Contains(old, (await uow.Storms.LooseAsync("council", now - Duration.FromHours(1), [], [1, 2], 200, ct)).Select(l => l.Id));
        }
    }
}
