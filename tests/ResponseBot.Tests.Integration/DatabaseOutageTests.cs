using System.Diagnostics;
using System.Net;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// PostgreSQL going away under a running bot, on a cluster of this test's own (stopping the shared one would fail every
/// other test): the webhook and Teams answer 503 with Retry-After, never 500; readiness fails; nothing was acknowledged,
/// so the resent mention becomes its one case when the database is back, and Teams' retry of an activity that failed
/// is acted on, not taken for a repeat; and the whole host (web, outbox, Quartz scheduler) still stops within 10 s while
/// the database is down.
/// </summary>
public sealed class DatabaseOutageTests
{

    [Fact]
    public async Task While_the_database_is_down_requests_get_503_and_once_it_is_back_the_resent_mention_is_one_case()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await cluster.ExecuteAsync($"create role {PostgresFixture.OwnerRole} login; create role {PostgresFixture.AppRole} login");
        await cluster.ExecuteAsync($"create database outage owner {PostgresFixture.OwnerRole}");
        var connectionString = cluster.ConnectionString("outage");
        var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
        await using var _ = receiver;
        var settings = BotHost.DefaultSettings(connectionString, receiver.Url);
        // Fail fast rather than wait out Npgsql's 15 s default on each attempt.
        settings["ConnectionStrings:ResponseBot"] += ";Timeout=2";
        settings["ConnectionStrings:Owner"] += ";Timeout=2";
        settings["Jobs:Enabled"] = "true";
        var bot = await BotHost.StartAsync(settings);
        try
        {
            var db = new Db(connectionString);
            var mention = SignedWebhook.Mention("outage-1", "Is the tip open?");
            Assert.Equal(HttpStatusCode.Accepted, (await SignedWebhook.PostAsync(bot.Http, SignedWebhook.Mention("before", "Before the outage"))).StatusCode);

            await cluster.StopAsync();
            var down = await SignedWebhook.PostAsync(bot.Http, mention);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), down.Headers.RetryAfter?.Delta);
            Assert.Contains("the database is unavailable", await down.Content.ReadAsStringAsync());
            var onCall = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", new Uri("http://127.0.0.1:9/")).Message("on call");
            var teams = await TeamsUser.SendAsync(bot.Http, onCall);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, teams.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.Http.GetAsync("readyz")).StatusCode);

            await cluster.StartAgainAsync();
            var back = Stopwatch.StartNew();
            HttpResponseMessage? resent = null;
            await Eventually.TrueAsync(async () => (resent = await SignedWebhook.PostAsync(bot.Http, mention)).StatusCode == HttpStatusCode.Accepted,
                "the resent mention accepted", TimeSpan.FromSeconds(20), diagnostics: () => bot.Logs.Summary());
            Assert.True(back.Elapsed < TimeSpan.FromSeconds(5), $"back after {back.Elapsed}");
            Assert.Equal(HttpStatusCode.OK, (await bot.Http.GetAsync("readyz")).StatusCode);
            Assert.Equal(1, await db.CountAsync("cases", "external_id = 'outage-1'"));
            Assert.Equal(1, await db.CountAsync("cases", "external_id = 'before'"));
            // Teams retries the activity it got a 503 for, with the same id: it was never recorded, so it is acted on now.
            Assert.Equal(HttpStatusCode.OK, (await TeamsUser.SendAsync(bot.Http, onCall)).StatusCode);
            Assert.Equal(1, await db.CountAsync("decision_log", "action = 'went_on_call' and actor_id = 'aad-alex'"));
            Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains("Password", StringComparison.OrdinalIgnoreCase));

            // Down again, and asked to stop: it stops within 10 s, not after every connection attempt times out.
            await cluster.StopAsync();
            var stopping = Stopwatch.StartNew();
            await bot.DisposeAsync();
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {stopping.Elapsed}");
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }
}
