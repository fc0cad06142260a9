using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>One use case, one unit of work: a card click and a mention each open exactly one connection.</summary>
public sealed class ConnectionCountTests(PostgresFixture pg)
{
    [Fact]
    public async Task An_approve_click_opens_one_connection_and_so_does_a_mention()
    {
        var connectionString = await pg.NewDatabaseAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
        var settings = BotHost.DefaultSettings(connectionString, receiver.Url);
        // The outbox looks once at start and then sleeps: nothing else opens a connection while the test counts.
        settings["Outbox:PollInterval"] = "01:00:00";
        settings["Outbox:ListenForNotifications"] = "false";
        settings["Jobs:DecisionLogSealInterval"] = "00:01:00"; // the sealer, likewise: once at start, then not for a minute
        var counting = new CountingDataSource(NpgsqlDataSource.Create(connectionString));
        await using var bot = await BotHost.StartAsync(settings, services: s => s.AddSingleton<DbDataSource>(counting));
        var alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", connector.ServiceUrl);
        (await TeamsUser.SendAsync(bot.Http, alex.Install())).EnsureSuccessStatusCode();
        (await TeamsUser.SendAsync(bot.Http, alex.Message("on call"))).EnsureSuccessStatusCode();
        var db = new Db(connectionString);
        await Eventually.TrueAsync(async () => await db.CountAsync("outbox", "kind in ('chat.text', 'chat.card')") == 2, "welcome and on-call confirmation queued");

        var before = counting.Opened;
        var mention = await SignedWebhook.PostAsync(bot.Http, SignedWebhook.Mention("count-1", "Is the tip open on Sunday?"));
        Assert.Equal(HttpStatusCode.Accepted, mention.StatusCode);
        Assert.Equal(1, counting.Opened - before);
        var caseId = await SignedWebhook.CaseIdAsync(mention);

        before = counting.Opened;
        var click = await TeamsUser.SendAsync(bot.Http, alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId }));
        click.EnsureSuccessStatusCode();
        Assert.Equal(1, counting.Opened - before);
        Assert.Equal("Scheduled", await db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }));
        Assert.Contains(CardVerbs.Undo, await click.Content.ReadAsStringAsync());   // the refreshed card, inside the undo window
    }

    [Fact]
    public async Task A_refresh_writes_nothing_so_one_persons_clicks_never_wait_for_each_other()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        var caseId = await s.MentionAsync("refresh-1", "Is the tip open on Sunday?");
        await s.CardPostedToAsync(s.Alex, caseId);
        var staffRow = "select xmin::text || '/' || xmax::text from staff where staff_id = 'aad-alex'";
        var (row, activities) = (await s.Db.ScalarAsync<string>(staffRow), await s.Db.CountAsync("inbound_activities"));

        // Sixteen refreshes at once: each is drawn, and neither the person's row nor the activity table is touched.
        var cards = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => s.ClickAsync(s.Alex, CardVerbs.Refresh, caseId)));
        Assert.All(cards, c => Assert.Contains("Is the tip open on Sunday?", c.ToJsonString()));
        Assert.Equal(row, await s.Db.ScalarAsync<string>(staffRow));
        Assert.Equal(activities, await s.Db.CountAsync("inbound_activities"));

        // An acting click is recorded (a retry of it must not act twice).
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId, version: 1);
        Assert.Equal(activities + 1, await s.Db.CountAsync("inbound_activities"));
        Assert.Equal(row, await s.Db.ScalarAsync<string>(staffRow));
    }

    [Fact]
    public async Task A_refused_click_does_not_wait_for_the_case_to_be_free()
    {
        await using var s = await Scenario.StartAsync(pg);
        await s.GoOnCallAsync(s.Alex);
        var caseId = await s.MentionAsync("locked-1", "Is the tip open on Sunday?");
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId, version: 1);

        // Someone is changing the case (a long system step, say: the lock the app's own writers take). Approving it again
        // is refused at once, and on the record.
        await using var holder = new NpgsqlConnection(s.Db.ConnectionString);
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var lockIt = new NpgsqlCommand("select id from cases where id = @id for no key update", holder, tx))
        {
            lockIt.Parameters.AddWithValue("id", caseId);
            await lockIt.ExecuteScalarAsync();
        }
        var again = s.ClickAsync(s.Alex, CardVerbs.Approve, caseId, version: 1);
        Assert.Same(again, await Task.WhenAny(again, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Contains("Undo", (await again).ToJsonString());   // the card as it is: scheduled, inside the undo window
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'refused'", new { caseId }));
        await tx.RollbackAsync();
    }
}
