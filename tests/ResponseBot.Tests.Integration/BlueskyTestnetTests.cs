using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>One Bluesky network for the class: it takes seconds to start, the tests need only their own posts.</summary>
public sealed class BlueskyNetwork(PostgresFixture pg) : IAsyncLifetime
{
    public BlueskyTestnet Net { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Net = await BlueskyTestnet.StartAsync(pg);

    public async ValueTask DisposeAsync()
    {
        if (Net is not null) await Net.DisposeAsync();
    }
}

/// <summary>Proves the fixture: Bluesky's own PDS and AppView carry a mention, a notification and a reply thread.</summary>
public sealed class BlueskyTestnetTests(BlueskyNetwork network, ITestOutputHelper output) : IClassFixture<BlueskyNetwork>
{
    private BlueskyTestnet Net => network.Net;

    [Fact]
    public async Task A_residents_mention_reaches_the_council_and_its_reply_joins_the_thread()
    {
        var resident = await Net.CreateSessionAsync(Net.Resident);
        var council = await Net.CreateSessionAsync(Net.Council);

        // The emoji before the mention makes UTF-8 byte offsets differ from UTF-16 char offsets.
        var post = await Net.PostAsync(resident, "Hi 👋 @council.test the streetlight on Elm St is out", mention: Net.Council);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mention = await Net.WaitForNotificationAsync(council, "mention", post.Uri);
        output.WriteLine($"network up in {Net.StartupTime.TotalSeconds:0.0} s; mention notified after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(resident.Did, (string?)mention["author"]!["did"]);
        var index = mention["record"]!["facets"]![0]!["index"]!;
        var bytes = Encoding.UTF8.GetBytes((string)mention["record"]!["text"]!);
        Assert.Equal("@council.test", Encoding.UTF8.GetString(bytes, (int)index["byteStart"]!, (int)index["byteEnd"]! - (int)index["byteStart"]!));

        var reply = await Net.PostAsync(council, "Thanks, we have logged it.", replyTo: post);
        JsonObject thread = [];
        await Eventually.TrueAsync(async () =>
        {
            thread = await Net.GetPostThreadAsync(council, post.Uri);
            return thread["thread"]!["replies"]!.AsArray().Any(r => (string?)r!["post"]!["uri"] == reply.Uri);
        }, "the council's reply in the thread", diagnostics: () => thread.ToJsonString());
        Assert.Equal(post.Uri, (string?)thread["thread"]!["post"]!["uri"]);
        await Net.WaitForNotificationAsync(resident, "reply", reply.Uri);
    }

    [Fact]
    public async Task An_expired_access_token_is_ExpiredToken_and_refreshSession_recovers()
    {
        var council = await Net.CreateSessionAsync(Net.Council);
        var expired = council with { AccessJwt = Net.MintExpiredAccessJwt(council) };

        var e = await Assert.ThrowsAsync<XrpcException>(() => Net.ListNotificationsAsync(expired));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("ExpiredToken", e.Error);

        var refreshed = await Net.RefreshSessionAsync(expired);
        Assert.NotEqual(council.RefreshJwt, refreshed.RefreshJwt);
        Assert.NotNull((await Net.ListNotificationsAsync(refreshed))["notifications"]);

        var wrong = await Assert.ThrowsAsync<XrpcException>(() => Net.CreateSessionAsync(Net.Council.Handle, "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("AuthenticationRequired", wrong.Error);
    }
}
