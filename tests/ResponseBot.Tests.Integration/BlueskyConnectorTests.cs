using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The Bluesky connector against Bluesky's own servers (PDS, AppView, PLC) running locally: a resident's mention is polled
/// into a case, its card reaches the officer on call, Approve posts the reply into the thread on the real AppView, and a
/// restarted bot resumes from its stored cursor.
/// </summary>
public sealed class BlueskyConnectorTests(BlueskyNetwork network, PostgresFixture pg) : IClassFixture<BlueskyNetwork>
{
    private BlueskyTestnet Net => network.Net;

    private Task<Scenario> StartAsync(string? database = null) => Scenario.StartAsync(pg, database: database, settings: s =>
    {
        s["Accounts:bsky:Platform"] = "Bluesky";
        s["Accounts:bsky:Handle"] = Net.Council.Handle;
        s["Accounts:bsky:AppPassword"] = Net.Council.Password;
        s["Accounts:bsky:ServiceUrl"] = Net.Pds.ToString();
        s["Jobs:Enabled"] = "true";
        s["Jobs:SourcePollInterval"] = "00:00:00.300";
    });

    private static async Task<long> CaseForAsync(Scenario s, string uri)
    {
        long id = 0;
        await Eventually.TrueAsync(async () => (id = await s.Db.ScalarAsync<long>("select coalesce(max(id), 0) from cases where external_id = @uri", new { uri })) > 0,
            $"a case for {uri}", TimeSpan.FromSeconds(30), diagnostics: () => s.Bot.Logs.Summary());
        return id;
    }

    [Fact]
    public async Task A_residents_mention_becomes_a_card_and_Approve_posts_the_reply_into_the_thread()
    {
        await using var s = await StartAsync();
        await s.GoOnCallAsync(s.Alex);
        var resident = await Net.CreateSessionAsync(Net.Resident);
        var post = await Net.PostAsync(resident, "@council.test the streetlight on Elm Road has been out for a week", mention: Net.Council);

        var caseId = await CaseForAsync(s, post.Uri);
        await s.CardPostedToAsync(s.Alex, caseId);
        var card = JsonText.Of(s.LatestCard(s.Alex, caseId));
        Assert.Contains("Reply will be posted as @council.test on Bluesky", card);
        Assert.Contains("Bluesky has no way for an account to hide a reply", card);
        Assert.Contains("the streetlight on Elm Road has been out for a week", card);
        Assert.Equal("resident.test", await s.Db.ScalarAsync<string>("select author_handle from cases where id = @caseId", new { caseId }));

        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == "Sent", "the reply posted", TimeSpan.FromSeconds(30),
            diagnostics: () => s.Bot.Logs.Summary());
        var replyUri = await s.Db.ScalarAsync<string>("select platform_reply_id from cases where id = @caseId", new { caseId });
        Assert.StartsWith($"at://{Net.Council.Did}/app.bsky.feed.post/", replyUri);
        Assert.Equal($"https://bsky.app/profile/council.test/post/{replyUri[(replyUri.LastIndexOf('/') + 1)..]}",
            await s.Db.ScalarAsync<string>("select platform_reply_url from cases where id = @caseId", new { caseId }));

        // On the real AppView: our reply under the resident's post, mentioning them with a facet Bluesky resolves.
        var council = await Net.CreateSessionAsync(Net.Council);
        JsonObject thread = [];
        await Eventually.TrueAsync(async () =>
        {
            thread = await Net.GetPostThreadAsync(council, post.Uri);
            return thread["thread"]!["replies"]!.AsArray().Any(r => (string?)r!["post"]!["uri"] == replyUri);
        }, "the reply in the thread", diagnostics: () => thread.ToJsonString());
        var ours = thread["thread"]!["replies"]!.AsArray().Single(r => (string?)r!["post"]!["uri"] == replyUri)!["post"]!["record"]!;
        Assert.StartsWith("Hi @resident.test", (string)ours["text"]!);
        Assert.Equal(Net.Resident.Did, (string?)ours["facets"]![0]!["features"]![0]!["did"]);
        Assert.Equal(post.Uri, (string?)ours["reply"]!["root"]!["uri"]);
        // The resident hears of it: as a mention, since the reply names them (Bluesky reports a reply that mentions you so).
        await Net.WaitForNotificationAsync(resident, "mention", replyUri);
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'published'", new { caseId }));
    }

    [Fact]
    public async Task A_reply_to_one_of_our_posts_shows_that_post_on_the_card()
    {
        await using var s = await StartAsync();
        await s.GoOnCallAsync(s.Alex);
        var council = await Net.CreateSessionAsync(Net.Council);
        var ours = await Net.PostAsync(council, "Road closure: Mill Lane is shut tonight for resurfacing.");
        var resident = await Net.CreateSessionAsync(Net.Resident);
        await Eventually.TrueAsync(async () =>
        {
            try { return (await Net.GetPostThreadAsync(resident, ours.Uri))["thread"] is not null; }
            catch (XrpcException e) when (e.Error == "NotFound") { return false; }   // not indexed by the AppView yet
        }, "our post indexed");
        var reply = await Net.PostAsync(resident, "Which end of Mill Lane? The bus stop end?", replyTo: ours);

        var caseId = await CaseForAsync(s, reply.Uri);
        await s.CardPostedToAsync(s.Alex, caseId);
        Assert.Contains("In reply to @council.test: Road closure: Mill Lane is shut tonight for resurfacing.", JsonText.Of(s.LatestCard(s.Alex, caseId)));
    }

    [Fact]
    public async Task A_restarted_bot_resumes_from_its_stored_cursor_missing_nothing_and_repeating_nothing()
    {
        var resident = await Net.CreateSessionAsync(Net.Resident);
        var s = await StartAsync();
        var database = s.Db.ConnectionString;
        var before = await Net.PostAsync(resident, "@council.test is the tip open on Sunday?", mention: Net.Council);
        await CaseForAsync(s, before.Uri);
        await Eventually.TrueAsync(async () => await s.Db.ScalarAsync<string?>("select cursor from sources where account_id = 'bsky'") is not null, "cursor kept");
        await s.DisposeAsync();

        var whileDown = await Net.PostAsync(resident, "@council.test and what about bank holidays?", mention: Net.Council);
        await Net.WaitForNotificationAsync(await Net.CreateSessionAsync(Net.Council), "mention", whileDown.Uri);
        await using var again = await StartAsync(database);
        await CaseForAsync(again, whileDown.Uri);
        await Task.Delay(1000);                                                       // several polls
        Assert.Equal(1, await again.Db.CountAsync("cases", "external_id = @uri", new { uri = before.Uri }));
        Assert.Equal(1, await again.Db.CountAsync("cases", "external_id = @uri", new { uri = whileDown.Uri }));
    }
}

/// <summary>The kept session renewed with refreshSession when its access token has expired, never a fresh login.</summary>
public sealed class BlueskySessionTests(BlueskyNetwork network, PostgresFixture pg) : IClassFixture<BlueskyNetwork>
{
    [Fact]
    public async Task An_expired_access_token_is_renewed_with_refreshSession_and_polling_carries_on()
    {
        var net = network.Net;
        await using var s = await Scenario.StartAsync(pg, s =>
        {
            s["Accounts:bsky:Platform"] = "Bluesky";
            s["Accounts:bsky:Handle"] = net.Council.Handle;
            s["Accounts:bsky:AppPassword"] = "a-wrong-password-so-a-fresh-login-would-fail";
            s["Accounts:bsky:ServiceUrl"] = net.Pds.ToString();
            s["Jobs:Enabled"] = "true";
            s["Jobs:SourcePollInterval"] = "00:00:00.300";
        });
        // The bot holds a session whose access token has expired (as after two hours); its refresh token is good.
        var held = await net.CreateSessionAsync(net.Council);
        s.Bot.Services.GetRequiredService<ResponseBot.Platforms.Bluesky.BlueskySessions>().Adopt("bsky",
            new ResponseBot.Platforms.Bluesky.BlueskySession(held.Did, held.Handle, net.MintExpiredAccessJwt(held), held.RefreshJwt));

        var resident = await net.CreateSessionAsync(net.Resident);
        var post = await net.PostAsync(resident, "@council.test the library roof is leaking", mention: net.Council);
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("cases", "external_id = @uri", new { uri = post.Uri }) == 1, "the mention polled",
            TimeSpan.FromSeconds(30), diagnostics: () => s.Bot.Logs.Summary());
        Assert.Contains(s.Bot.Logs.Lines, l => l.Contains("Bluesky session for bsky expired (ExpiredToken); renewing it"));
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains("Bluesky session created") || l.Contains("logging in again"));
        // A poll that ran before the session was adopted failed its login (the password is wrong on purpose); the polls
        // after it succeed, and the source's health is recorded after the poll's cases are: it clears soon after.
        await Eventually.TrueAsync(async () => await s.Db.ScalarAsync<int>("select consecutive_failures from sources where account_id = 'bsky'") == 0,
            "the source healthy again", diagnostics: () => s.Bot.Logs.Summary());
    }
}

/// <summary>The session kept across a restart, protected at rest: the restarted bot carries on without logging in.</summary>
public sealed class BlueskyStoredSessionTests(BlueskyNetwork network, PostgresFixture pg) : IClassFixture<BlueskyNetwork>
{
    [Fact]
    public async Task A_restart_resumes_the_stored_session_which_is_never_stored_in_the_clear()
    {
        var net = network.Net;
        Task<Scenario> StartAsync(string? database = null) => Scenario.StartAsync(pg, database: database, settings: s =>
        {
            s["Accounts:bsky:Platform"] = "Bluesky";
            s["Accounts:bsky:Handle"] = net.Council.Handle;
            s["Accounts:bsky:AppPassword"] = net.Council.Password;
            s["Accounts:bsky:ServiceUrl"] = net.Pds.ToString();
            s["Jobs:Enabled"] = "true";
            s["Jobs:SourcePollInterval"] = "00:00:00.300";
        });
        var first = await StartAsync();
        var database = first.Db.ConnectionString;
        await Eventually.TrueAsync(async () => await first.Db.CountAsync("platform_sessions") == 1, "the session stored", diagnostics: () => first.Bot.Logs.Summary());
        Assert.Contains(first.Bot.Logs.Lines, l => l.Contains("Bluesky session created for bsky"));
        await first.DisposeAsync();

        var stored = await first.Db.ScalarAsync<string>("select protected from platform_sessions");
        Assert.DoesNotContain("eyJ", stored);                                             // no JWT (they all start so) in the clear
        Assert.DoesNotContain(net.Council.Did, stored);

        await using var again = await StartAsync(database);
        var resident = await net.CreateSessionAsync(net.Resident);
        var post = await net.PostAsync(resident, "@council.test is the pool open late on Friday?", mention: net.Council);
        await Eventually.TrueAsync(async () => await again.Db.CountAsync("cases", "external_id = @uri", new { uri = post.Uri }) == 1, "polled after the restart",
            TimeSpan.FromSeconds(30), diagnostics: () => again.Bot.Logs.Summary());
        Assert.DoesNotContain(again.Bot.Logs.Lines, l => l.Contains("Bluesky session created"));
    }
}
