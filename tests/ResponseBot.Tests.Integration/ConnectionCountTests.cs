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
}
