using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using ResponseBot.Application.Delivery;
using ResponseBot.Application.Downloads;
using ResponseBot.Application.Records;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
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

    [Fact]
    public async Task A_managers_records_request_from_Teams_needs_one_connection_at_a_time()
    {
        await using var s = await Scenario.StartAsync(pg, settings =>
        {
            settings["Roles:Managers:0"] = "aad-megan";
            settings["Downloads:PublicBaseUrl"] = "https://bot.example.test/";
        });
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        var mention = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention("one-1", "Streetlight out on Park Row", BotHost.AccountId, "lee.resident", "Lee Resident"));
        mention.EnsureSuccessStatusCode();
        var ct = CancellationToken.None;

        // The request's use case as the host builds it, with everything that opens a unit of work on a pool of one.
        await using var onePool = NpgsqlDataSource.Create(StoreRegistration.Tuned(s.Db.ConnectionString + ";Maximum Pool Size=1;Timeout=3"));
        var db = new UnitOfWorkFactory(onePool);
        await using var scope = s.Bot.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var deliver = ActivatorUtilities.CreateInstance<DeliverMessage>(services, db);
        var answer = ActivatorUtilities.CreateInstance<AnswerRecordsRequest>(services, db,
            new ExportRecords(db, TimeProvider.System),
            ActivatorUtilities.CreateInstance<EraseSubject>(services, db),
            ActivatorUtilities.CreateInstance<IssueDownload>(services, db, deliver));
        var address = new ChatAddress("aad-megan", "Megan Bowen", "29:megan", "tenant-1", s.Connector.ServiceUrl.ToString(), TeamsUser.BotId, s.Megan.ConversationId);
        await answer.RunAsync(new ChatInteraction.Message(new StaffMember("aad-megan", "Megan Bowen"), address,
            "records person generic:lee.resident") { ActivityKey = "records-one-pool" }, ct);

        Assert.Equal(1, await s.Db.CountAsync("downloads"));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "action = 'exported' and actor_id = 'aad-megan' and (detail ->> 'cases')::int = 1"));
    }
}
