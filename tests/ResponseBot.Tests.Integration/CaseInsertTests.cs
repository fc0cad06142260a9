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
/// Storing a batch of mentions is one statement that also logs each created case's arrival: a mention already stored, or
/// twice in the list, is one case with one arrival logged, and the log reads in the list's order.
/// </summary>
public sealed class CaseInsertTests(PostgresFixture pg)
{
    [Fact]
    public async Task Each_case_created_has_its_arrival_logged_once_with_its_id_and_a_repeat_has_none()
    {
        await using var s = await Scenario.StartAsync(pg);
        await using var source = NpgsqlDataSource.Create(s.Db.ConnectionString);
        var db = new UnitOfWorkFactory(source);
        var now = SystemClock.Instance.GetCurrentInstant();
        NewCase Case(string id, string text)
        {
            var mention = new Mention(BotHost.AccountId, id, new Author("resident7", "A Resident", null), text, null, now, null);
            var triage = TriageRules.Default.Evaluate(mention, null);
            return new NewCase(mention, triage, Storms.LockKeys(mention.AccountId, text, triage.Flags), now + Duration.FromHours(4));
        }

        async Task<IReadOnlyList<long?>> StoreAsync(params NewCase[] cases)
        {
            await using var uow = await db.BeginAsync(CancellationToken.None);
            var ids = await uow.Cases.InsertAsync(cases, cases.Select(c => Arrival.Received(c, now)).ToList(), now, CancellationToken.None);
            await uow.CommitAsync(CancellationToken.None);
            return ids;
        }

        var earlier = (await StoreAsync(Case("m-0", "Stored before")))[0]!.Value;
        var ids = await StoreAsync(Case("m-2", "Pothole on Mill Lane"), Case("m-0", "Sent again"), Case("m-1", "Fire on Elm Road"),
            Case("m-2", "Pothole on Mill Lane, edited"));

        Assert.NotNull(ids[0]);
        Assert.Null(ids[1]);
        Assert.NotNull(ids[2]);
        Assert.Null(ids[3]);
        // The first of the list's twins is the case, as it was written.
        Assert.Equal("Pothole on Mill Lane", await s.Db.ScalarAsync<string>("select text from cases where id = @id", new { id = ids[0] }));
        Assert.Equal("Stored before", await s.Db.ScalarAsync<string>("select text from cases where id = @earlier", new { earlier }));

        var logged = (await s.Db.QueryAsync<(long CaseId, string ExternalId, string Text, string Flags, string ToState)>("""
            select case_id, detail ->> 'externalId', text_after, detail ->> 'flags', to_state from decision_log where action = 'received' order by id
            """)).ToList();
        Assert.Equal([earlier, ids[0]!.Value, ids[2]!.Value], logged.Select(l => l.CaseId));
        Assert.Equal(["m-0", "m-2", "m-1"], logged.Select(l => l.ExternalId));
        Assert.Equal(["Stored before", "Pothole on Mill Lane", "Fire on Elm Road"], logged.Select(l => l.Text));
        Assert.Contains(Flags.Emergency, logged[2].Flags);
        Assert.All(logged, l => Assert.Equal(nameof(CaseState.New), l.ToState));
    }
}
