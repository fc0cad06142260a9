using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Polling a platform through the real scheduler and PostgreSQL, with a source the test scripts: every mention stored once,
/// the cursor kept across a restart, and a failing source raised with the rota once, then cleared once when it recovers.
/// </summary>
public sealed class SourcePollTests(PostgresFixture pg)
{
    private const string Account = "bsky";

    /// <summary>Answers each fetch from a script and records the cursor it was asked with.</summary>
    private sealed class ScriptedSource : IMentionSource
    {
        public Platform Platform => Platform.Bluesky;
        public List<string?> Cursors { get; } = [];
        public Func<string?, MentionBatch> Next { get; set; } = cursor => new MentionBatch([], cursor);

        public Task<MentionBatch> FetchAsync(string accountId, string? cursor, CancellationToken ct)
        {
            lock (Cursors) Cursors.Add(cursor);
            return Task.FromResult(Next(cursor));
        }
    }

    private static Mention Post(string id, string text) => new(Account, $"at://did:plc:resident/app.bsky.feed.post/{id}",
        new Author("resident.test", "Sam Resident", null), text, null, SystemClock.Instance.GetCurrentInstant(), null);

    private static async Task<(BotHost Bot, FakeConnector Teams, Db Db)> StartAsync(string db, ScriptedSource source, FakeConnector? teams = null)
    {
        teams ??= await FakeConnector.StartAsync();
        var settings = BotHost.DefaultSettings(db, new Uri("http://127.0.0.1:9/"));
        settings[$"Accounts:{Account}:Platform"] = "Bluesky";
        settings[$"Accounts:{Account}:Handle"] = "council.test";
        settings[$"Accounts:{Account}:AppPassword"] = "not-used-by-the-scripted-source";
        settings["Jobs:Enabled"] = "true";
        settings["Jobs:SourcePollInterval"] = "00:00:00.200";
        settings["Rota:Coordinators:0"] = "aad-cora";
        settings["Roles:Managers:0"] = "aad-mia";
        var bot = await BotHost.StartAsync(settings, services: s =>
        {
            s.RemoveAll<IMentionSource>();
            s.AddSingleton<IMentionSource>(source);
        });
        foreach (var (id, name) in new[] { ("aad-cora", "Cora Ordinator"), ("aad-mia", "Mia Manager") })
            (await TeamsUser.SendAsync(bot.Http, new TeamsUser(id, name, "29:" + id, teams.ServiceUrl).Install())).EnsureSuccessStatusCode();
        return (bot, teams, new Db(db));
    }

    [Fact]
    public async Task Each_mention_is_stored_once_and_the_cursor_carries_across_a_restart()
    {
        var db = await pg.NewDatabaseAsync();
        var source = new ScriptedSource();
        source.Next = cursor => cursor switch
        {
            null => new MentionBatch([Post("a", "first"), Post("b", "second")], "c1"),
            "c1" => new MentionBatch([Post("b", "second"), Post("c", "third")], "c2"),   // a repeat across the page edge
            _ => new MentionBatch([], cursor),
        };
        var (bot, teams, d) = await StartAsync(db, source);
        await using (teams)
        {
            await using (bot)
            {
                await Eventually.TrueAsync(() => source.Cursors.Contains("c2"), "polled past c1");
                Assert.Equal(3, await d.CountAsync("cases"));
                Assert.Equal(3, await d.CountAsync("decision_log", "action = 'received'"));
                Assert.Equal("c2", await d.ScalarAsync<string>("select cursor from sources where account_id = 'bsky'"));
            }
            source.Cursors.Clear();
            var (again, _, _) = await StartAsync(db, source, teams);
            await using (again)
                await Eventually.TrueAsync(() => source.Cursors.Count > 0, "polled after the restart");
            Assert.Equal("c2", source.Cursors[0]);                                       // resumed, not from the start
            Assert.Equal(3, await d.CountAsync("cases"));
        }
    }

    [Fact]
    public async Task A_failing_source_is_raised_with_the_coordinators_and_the_manager_once_and_cleared_once_when_it_recovers()
    {
        var db = await pg.NewDatabaseAsync();
        var source = new ScriptedSource();
        var failing = true;
        source.Next = cursor => failing
            ? throw new DeliveryException(DeliveryFailure.Transient, "Bluesky answered 502 UpstreamFailure")
            : new MentionBatch([Post("z", "back again")], "c9");
        var (bot, teams, d) = await StartAsync(db, source);
        await using var _ = teams;
        await using var __ = bot;
        string[] Texts(string conversation) => teams.Calls.Where(c => c.ConversationId == conversation)
            .Select(c => c.Body["text"]?.GetValue<string>()).OfType<string>().ToArray();

        await Eventually.TrueAsync(() => Texts("a:personal-29:aad-cora").Any(t => t.StartsWith("Mentions of @council.test on Bluesky are not coming in")),
            "coordinator told", diagnostics: () => bot.Logs.Summary());
        await Eventually.TrueAsync(() => source.Cursors.Count >= 6, "kept polling");
        foreach (var who in new[] { "a:personal-29:aad-cora", "a:personal-29:aad-mia" })
            Assert.Single(Texts(who), t => t.Contains("are not coming in: Bluesky answered 502 UpstreamFailure (3 failures in a row)"));
        // Monitoring sees it too, and so does anyone on the team who asks.
        var health = await bot.Http.GetAsync("healthz/sources");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var healthBody = await health.Content.ReadAsStringAsync();
        Assert.Contains("\"failing\":true", healthBody);
        // An unauthenticated probe: it names the account id only, never the handle or the platform's error text.
        Assert.DoesNotContain("council.test", healthBody);
        Assert.DoesNotContain("UpstreamFailure", healthBody);
        (await TeamsUser.SendAsync(bot.Http, new TeamsUser("aad-mia", "Mia Manager", "29:aad-mia", teams.ServiceUrl).Message("sources"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => teams.Cards().Any(c => c.Call.ConversationId == "a:personal-29:aad-mia"
            && JsonText.Of(c.Card).Contains("@council.test on Bluesky  FAILING")), "the sources card");

        failing = false;
        await Eventually.TrueAsync(() => Texts("a:personal-29:aad-mia").Any(t => t.StartsWith("Mentions of @council.test on Bluesky are coming in again")),
            "manager told it recovered", diagnostics: () => string.Join("\n", bot.Logs.Lines.Where(l => !l.StartsWith("Scope")).TakeLast(30)));
        await Eventually.TrueAsync(async () => await d.CountAsync("cases") == 1, "the waiting mention fetched");
        await Task.Delay(600);
        Assert.Single(Texts("a:personal-29:aad-cora"), t => t.Contains("coming in again"));
        Assert.Equal(0, await d.ScalarAsync<int>("select consecutive_failures from sources where account_id = 'bsky'"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await bot.Http.GetAsync("healthz/sources")).StatusCode);
    }

    [Fact]
    public async Task A_poll_that_breaks_unexpectedly_is_counted_and_raised_not_silent()
    {
        var db = await pg.NewDatabaseAsync();
        var source = new ScriptedSource { Next = _ => throw new InvalidOperationException("The node must be of type 'JsonArray'.") };
        var (bot, teams, d) = await StartAsync(db, source);
        await using var _ = teams;
        await using var __ = bot;
        await Eventually.TrueAsync(() => teams.Calls.Any(c => c.ConversationId == "a:personal-29:aad-cora"
            && (c.Body["text"]?.GetValue<string>() ?? "").Contains("are not coming in: unexpected InvalidOperationException (3 failures in a row)")),
            "coordinator told", diagnostics: () => bot.Logs.Summary());
        Assert.True(await d.ScalarAsync<int>("select consecutive_failures from sources where account_id = 'bsky'") >= 3);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await bot.Http.GetAsync("healthz/sources")).StatusCode);
    }
}
