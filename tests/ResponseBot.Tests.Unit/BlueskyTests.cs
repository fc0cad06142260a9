using System.Text;
using System.Text.Json.Nodes;
using ResponseBot.Platforms.Bluesky;

namespace ResponseBot.Tests.Unit;

public sealed class BlueskyTests
{
    private static JsonObject Notification(string reason, string text, string? parent = null) => new()
    {
        ["uri"] = "at://did:plc:resident/app.bsky.feed.post/3kabc123",
        ["cid"] = "bafyreia",
        ["author"] = new JsonObject { ["did"] = "did:plc:resident", ["handle"] = "resident.test", ["displayName"] = "Sam Resident" },
        ["reason"] = reason,
        ["record"] = new JsonObject
        {
            ["$type"] = "app.bsky.feed.post", ["text"] = text, ["createdAt"] = "2026-12-01T22:01:02.345Z",
            ["reply"] = parent is null ? null : new JsonObject { ["parent"] = new JsonObject { ["uri"] = parent, ["cid"] = "bafyreib" } },
        },
        ["indexedAt"] = "2026-12-01T22:01:03.000Z",
    };

    [Fact]
    public void A_notification_becomes_a_mention_with_the_post_uri_as_its_id_and_its_public_address()
    {
        var m = BlueskyMentionSource.Map("council", Notification("mention", "@council.test the bins", "at://did:plc:council/app.bsky.feed.post/3kparent"))!;
        Assert.Equal("at://did:plc:resident/app.bsky.feed.post/3kabc123", m.ExternalId);
        Assert.Equal(("resident.test", "Sam Resident"), (m.Author.Handle, m.Author.Name));
        Assert.Equal("https://bsky.app/profile/resident.test/post/3kabc123", m.Url);
        Assert.Equal("at://did:plc:council/app.bsky.feed.post/3kparent", m.InReplyTo);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 12, 1, 22, 1, 2) + NodaTime.Duration.FromMilliseconds(345), m.CreatedAt);
    }

    [Fact]
    public void Hostile_text_is_cleaned_and_stored_never_refused()
    {
        var m = BlueskyMentionSource.Map("council", Notification("mention", "cut mid emoji \uD83D and a NUL\0 here"))!;
        Assert.Equal("cut mid emoji \uFFFD and a NUL here", m.Text);
        Assert.Null(BlueskyMentionSource.Map("council", new JsonObject { ["reason"] = "mention" }));
    }

    [Fact]
    public void Facets_mark_resolved_mentions_and_links_with_UTF8_byte_offsets()
    {
        var text = "Diolch @resident.test — see https://example.gov.uk/bins. @nobody.test";
        var facets = BlueskyRichText.Facets(text, new Dictionary<string, string> { ["resident.test"] = "did:plc:resident" });
        var bytes = Encoding.UTF8.GetBytes(text);
        string Span(JsonNode f) => Encoding.UTF8.GetString(bytes, f["index"]!["byteStart"]!.GetValue<int>(),
            f["index"]!["byteEnd"]!.GetValue<int>() - f["index"]!["byteStart"]!.GetValue<int>());
        Assert.Equal(2, facets.Count);                                                  // an unresolved handle stays plain text
        Assert.Equal("@resident.test", Span(facets[0]!));
        Assert.Equal("did:plc:resident", facets[0]!["features"]![0]!["did"]!.GetValue<string>());
        Assert.Equal("https://example.gov.uk/bins", Span(facets[1]!));                  // the full stop after it is not the link's
        Assert.Equal(["resident.test", "nobody.test"], BlueskyRichText.Handles(text));
    }
}
