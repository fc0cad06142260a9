using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Cards;
using ResponseBot.Platforms.Mastodon;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The Mastodon connector through the real host, scheduler and PostgreSQL against a fake instance speaking the documented
/// shapes: a mention polled into a case and a card, Approve posting the reply once in the mention's visibility, the cursor
/// carried across a restart, a refused token raised and cleared once, a 429 waited out, and a timed-out send posted once.
/// </summary>
public sealed class MastodonConnectorTests(PostgresFixture pg)
{
    private static Task<Scenario> StartAsync(PostgresFixture pg, FakeMastodon masto, string? database = null,
        Action<Dictionary<string, string?>>? more = null, Action<IServiceCollection>? services = null) =>
        Scenario.StartAsync(pg, database: database, services: services, settings: s =>
        {
            s["Accounts:masto:Platform"] = "Mastodon";
            s["Accounts:masto:Handle"] = "council";
            s["Accounts:masto:ServiceUrl"] = masto.BaseUrl.ToString();
            s["Accounts:masto:AccessToken"] = masto.Token;
            s["Jobs:Enabled"] = "true";
            s["Jobs:SourcePollInterval"] = "00:00:00.300";
            more?.Invoke(s);
        });

    private static Task<long> CaseForAsync(Scenario s, string statusId) => s.CaseForPostAsync(statusId);

    private static IEnumerable<FakeMastodon.Request> Polls(FakeMastodon m) => m.Requests.Where(r => r.PathAndQuery.StartsWith("/api/v1/notifications"));

    [Fact]
    public async Task A_direct_mention_becomes_a_card_and_Approve_posts_one_direct_reply_in_the_thread()
    {
        await using var masto = await FakeMastodon.StartAsync();
        await using var s = await StartAsync(pg, masto);
        await s.GoOnCallAsync(s.Alex);
        await Eventually.TrueAsync(() => Polls(masto).Any(), "first poll");
        var mention = masto.Mention("resident@town.example", "Sam Resident",
            "<p><span class=\"h-card\"><a href=\"https://mastodon.example/@council\" class=\"u-url mention\">@<span>council</span></a></span> the bin on Elm Road &amp; Oak Lane wasn&#39;t collected</p><p>third week running</p>",
            visibility: "direct");
        var statusId = (string)mention["id"]!;

        var caseId = await CaseForAsync(s, statusId);
        await s.CardPostedToAsync(s.Alex, caseId);
        Assert.Contains("Reply will be posted as @council on Mastodon", JsonText.Of(s.LatestCard(s.Alex, caseId)));
        Assert.Equal("@council the bin on Elm Road & Oak Lane wasn't collected\n\nthird week running",
            await s.Db.ScalarAsync<string>("select text from cases where id = @caseId", new { caseId }));
        Assert.Equal("resident@town.example", await s.Db.ScalarAsync<string>("select author_handle from cases where id = @caseId", new { caseId }));

        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == "Sent", "the reply posted", TimeSpan.FromSeconds(30),
            diagnostics: () => s.Bot.Logs.Summary());
        var reply = Assert.Single(masto.Posted);
        Assert.Equal(statusId, (string?)reply["in_reply_to_id"]);
        Assert.Equal("direct", (string?)reply["visibility"]);                       // never wider than the mention
        Assert.StartsWith("Hi @resident@town.example, thanks", (string)reply["text"]!);
        Assert.Equal((string?)reply["id"], await s.Db.ScalarAsync<string>("select platform_reply_id from cases where id = @caseId", new { caseId }));
        Assert.Equal((string?)reply["url"], await s.Db.ScalarAsync<string>("select platform_reply_url from cases where id = @caseId", new { caseId }));
        Assert.Contains(masto.Requests, r => r.PathAndQuery == "/api/v2/instance");
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains(masto.Token));
    }

    [Fact]
    public async Task A_restarted_bot_resumes_from_its_stored_cursor_missing_nothing_and_repeating_nothing()
    {
        await using var masto = await FakeMastodon.StartAsync();
        var s = await StartAsync(pg, masto);
        var database = s.Db.ConnectionString;
        var before = (string)masto.Mention("resident", "Sam", "<p>@council is the tip open on Sunday?</p>")["id"]!;
        await CaseForAsync(s, before);
        var cursor = masto.NotificationIdOf(before);
        await Eventually.TrueAsync(async () => await s.Db.ScalarAsync<string?>("select cursor from sources where account_id = 'masto'") == cursor, "cursor kept");
        await s.DisposeAsync();

        // More than a page arrives while the bot is down: all of it is read, oldest page first, from the cursor.
        var whileDown = Enumerable.Range(1, 45).Select(i => (string)masto.Mention($"neighbour{i}", "", $"<p>@council question {i}</p>")["id"]!).ToList();
        masto.Favourite("fan");
        masto.Requests.Clear();
        await using var again = await StartAsync(pg, masto, database);
        foreach (var id in whileDown) await CaseForAsync(again, id);
        Assert.StartsWith($"/api/v1/notifications?types[]=mention&limit=40&min_id={cursor}", Polls(masto).First().PathAndQuery);
        await Task.Delay(1000);                                                       // several polls
        Assert.Equal(1, await again.Db.CountAsync("cases", "external_id = @before", new { before }));
        Assert.Equal(46, await again.Db.CountAsync("cases"));
    }

    [Fact]
    public async Task A_refused_token_is_raised_with_the_coordinator_once_and_cleared_once_when_it_works_again()
    {
        await using var masto = await FakeMastodon.StartAsync();
        var good = masto.Token;
        await using var s = await StartAsync(pg, masto, more: c => c["Rota:Coordinators:0"] = "aad-alex");
        (await s.SendAsync(s.Alex.Install())).EnsureSuccessStatusCode();
        masto.Token = "a-revoked-token";                                              // the bot still holds the old one
        string[] Texts() => s.Connector.Texts().ToArray();

        await Eventually.TrueAsync(() => Texts().Any(t => t.StartsWith("Mentions of @council on Mastodon are not coming in")), "coordinator told",
            diagnostics: () => s.Bot.Logs.Summary());
        await Eventually.TrueAsync(() => Polls(masto).Count() >= 5, "kept polling");
        Assert.Single(Texts(), t => t.Contains("are not coming in: listing notifications: Mastodon refused the access token (The access token is invalid)"));

        masto.Token = good;
        var mention = (string)masto.Mention("resident", "Sam", "<p>@council back again</p>")["id"]!;
        await Eventually.TrueAsync(() => Texts().Any(t => t.StartsWith("Mentions of @council on Mastodon are coming in again")), "told it recovered");
        await Task.Delay(600);
        Assert.Single(Texts(), t => t.Contains("coming in again"));
        Assert.Single(Texts(), t => t.Contains("are not coming in"));
        Assert.Equal(0, await s.Db.ScalarAsync<int>("select consecutive_failures from sources where account_id = 'masto'"));
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("cases", "external_id = @mention", new { mention }) == 1, "the waiting mention fetched");
    }

    [Fact]
    public async Task A_429_is_waited_out_until_the_rate_limit_resets()
    {
        await using var masto = await FakeMastodon.StartAsync();
        await using var s = await StartAsync(pg, masto);
        await Eventually.TrueAsync(() => Polls(masto).Any(), "first poll");
        var reset = DateTimeOffset.UtcNow.AddSeconds(3);
        var throttled = 0;
        masto.Fault = r => r.PathAndQuery.StartsWith("/api/v1/notifications") && Interlocked.Exchange(ref throttled, 1) == 0 ? FakeMastodon.Throttled(reset) : null;
        await Eventually.TrueAsync(() => throttled == 1, "throttled");
        var at = Polls(masto).Last().At;
        await Eventually.TrueAsync(() => Polls(masto).Any(p => p.At > at), "polled again", TimeSpan.FromSeconds(15));
        Assert.True(Polls(masto).First(p => p.At > at).At >= reset.AddMilliseconds(-50), "no poll before the reset");
        Assert.Contains(s.Bot.Logs.Lines, l => l.Contains("Mastodon answered 429 Too many requests"));
    }

    [Fact]
    public async Task A_send_retried_after_a_timeout_is_posted_once()
    {
        await using var masto = await FakeMastodon.StartAsync();
        await using var s = await StartAsync(pg, masto,
            services: x => x.AddHttpClient(MastodonClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(1)));
        await s.GoOnCallAsync(s.Alex);
        var statusId = (string)masto.Mention("resident", "Sam", "<p>@council a pothole on the High Street</p>", visibility: "unlisted")["id"]!;
        var caseId = await CaseForAsync(s, statusId);
        await s.CardPostedToAsync(s.Alex, caseId);
        masto.SlowAccepts = 1;                                                        // accepted, but answered after the bot gave up

        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == "Sent", "the reply posted", TimeSpan.FromSeconds(30),
            diagnostics: () => s.Bot.Logs.Summary());
        var posts = masto.Requests.Where(r => r.Method == "POST").ToList();
        Assert.True(posts.Count >= 2, "the send was retried");
        Assert.Single(posts.Select(p => p.IdempotencyKey).Distinct());
        var reply = Assert.Single(masto.Posted);
        Assert.Equal("unlisted", (string?)reply["visibility"]);
        Assert.Equal((string?)reply["id"], await s.Db.ScalarAsync<string>("select platform_reply_id from cases where id = @caseId", new { caseId }));
    }
}
