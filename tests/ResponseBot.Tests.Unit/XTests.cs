using System.Text.Json.Nodes;
using ResponseBot.Platforms;
using ResponseBot.Platforms.X;

namespace ResponseBot.Tests.Unit;

public sealed class XTests
{
    // Examples from docs.x.com "Counting characters" and twitter-text's v3 weighting.
    [Theory]
    [InlineData("a", 1)]
    [InlineData("á", 1)]                                            // U+00E1
    [InlineData("a\u0301", 1)]                                      // NFC first: a + combining acute is á
    [InlineData("ӑ", 1)]                                            // Cyrillic, inside U+0000–U+10FF
    [InlineData("“quoted” — dash…", 17)]                         // U+2010–U+201F weigh 1; the ellipsis, U+2026, weighs 2
    [InlineData("図", 2)]
    [InlineData("図書館", 6)]
    [InlineData("한국어", 6)]
    [InlineData("👾", 2)]                                          // U+1F47E
    [InlineData("🙋🏽", 2)]                                        // with a skin tone
    [InlineData("👨‍🎤", 2)]                                       // ZWJ sequence
    [InlineData("👨‍👩‍👧‍👦", 2)]                                 // family: 4 emoji, 3 joiners
    [InlineData("❤️", 2)]                                          // a symbol with emoji presentation
    [InlineData("https://example.org/a/very/long/path/that/is/far/longer/than/twenty-three", 23)]
    [InlineData("see https://a.io and http://b.example/x?y=1 too", 4 + 23 + 5 + 23 + 4)]
    public void Posts_are_weighed_as_X_weighs_them(string text, int weight) => Assert.Equal(weight, XText.WeightedLength(text));

    [Fact]
    public void The_limit_is_280_Latin_or_140_CJK_characters()
    {
        Assert.Equal(280, XText.WeightedLength(new string('a', 280)));
        Assert.Equal(280, XText.WeightedLength(new string('図', 140)));
        Assert.Equal(282, XText.WeightedLength(new string('図', 141)));
        Assert.Equal(23 + 1 + 256, XText.WeightedLength("https://example.org/" + new string('x', 500) + " " + new string('a', 256)));
    }

    [Theory]
    [InlineData("Hi @sam, we'll fix it & report back", "Hi @sam, we'll fix it &amp; report back", true)]    // X escapes &, < and >
    [InlineData("Hi @sam, see https://example.org/bins", "Hi @sam, see https://t.co/Xq7Tz2", true)]        // links wrapped in t.co
    [InlineData("Thanks, we're on it", "@sam_resident Thanks, we're on it", true)]                           // the thread's @names first
    [InlineData("Thanks, we're on it", "Thanks, we're on it!", false)]
    [InlineData("a &lt; b", "a &amp;lt; b", true)]                                                            // unescaped once only
    [InlineData("a < b", "a &amp;lt; b", false)]
    public void A_post_is_recognised_as_our_reply_only_with_the_same_text(string ours, string theirs, bool same) =>
        Assert.Equal(same, XText.SameReply(ours, theirs));

    [Fact]
    public void Tweet_ids_order_by_length_then_digits_without_parsing()
    {
        Assert.True(NumericIds.Compare("1346889436626259968", "999999999999999999") > 0);
        Assert.True(NumericIds.Compare("1346889436626259968", "1346889436626259969") < 0);
        Assert.True(NumericIds.Compare("99999999999999999999999", "1346889436626259968") > 0);      // beyond a long
        Assert.Equal("1346889436626259969", NumericIds.Newest("1346889436626259968", "1346889436626259969"));
        Assert.Equal("5", NumericIds.Newest(null, "5"));
        Assert.Null(NumericIds.Newest(null, null));
    }

    // The response example of docs.x.com x-api/posts/user-mention-timeline-by-user-id, with a reply and its expansions.
    private static JsonObject Page() => JsonNode.Parse("""
        {
          "data": [
            { "id": "1346889436626259970", "text": "@council bins &amp; recycling? https://t.co/56a0vZUx7i", "author_id": "1234567890",
              "created_at": "2021-01-06T18:40:40.000Z", "conversation_id": "1346889436626259968",
              "referenced_tweets": [{ "type": "quoted", "id": "1" }, { "type": "replied_to", "id": "1346889436626259968" }],
              "entities": { "urls": [{ "start": 31, "end": 54, "url": "https://t.co/56a0vZUx7i", "expanded_url": "https://example.org/bins" }] } },
            { "id": "1346889436626259969", "text": "@resident thanks, passed on", "author_id": "2244994945" },
            { "id": "1346889436626259967", "text": "@council no author in includes", "author_id": "555" },
            { "id": "not-a-number", "text": "@council", "author_id": "1234567890" },
            { "id": "1346889436626259966", "text": "@council evil \u0000 \ud800 text", "author_id": "1234567890", "created_at": "2021-01-06T18:40:39.000Z" }
          ],
          "includes": {
            "users": [
              { "id": "1234567890", "name": "Dev Person", "username": "developer" },
              { "id": "2244994945", "name": "Example Council", "username": "council" }
            ],
            "tweets": [{ "id": "1346889436626259968", "text": "Bin day moves to Tuesday &gt; see the map", "author_id": "2244994945" }]
          },
          "meta": { "newest_id": "1346889436626259970", "oldest_id": "1346889436626259966", "result_count": 5, "next_token": "t3buvdr5pujq9g7bggsnf3ep2ha28" }
        }
        """)!.AsObject();

    [Fact]
    public void A_mentions_page_maps_to_mentions_with_their_authors_and_replied_to_posts()
    {
        var mentions = XMentionSource.Map("x", "2244994945", Page()).ToList();
        Assert.Equal(["1346889436626259970", "1346889436626259966"], mentions.Select(m => m.ExternalId));
        var m = mentions[0];
        Assert.Equal("@council bins & recycling? https://example.org/bins", m.Text);
        Assert.Equal(("developer", "Dev Person", "https://x.com/developer"), (m.Author.Handle, m.Author.Name, m.Author.Url));
        Assert.Equal("https://x.com/developer/status/1346889436626259970", m.Url);
        Assert.Equal("1346889436626259968", m.InReplyTo);                 // the replied_to reference, not the quoted one
        Assert.Equal(new Domain.Cases.ParentPost("council", "Bin day moves to Tuesday > see the map"), m.Parent);
        Assert.Equal(NodaTime.Instant.FromUtc(2021, 1, 6, 18, 40, 40), m.CreatedAt);
        Assert.Equal("@council evil  \uFFFD text", mentions[1].Text);        // NUL dropped, a lone surrogate replaced
        Assert.Null(mentions[1].InReplyTo);
        Assert.Null(mentions[1].Parent);
    }

    [Fact]
    public void X_errors_are_read_in_each_of_its_shapes()
    {
        Assert.Equal(("Forbidden", "You are not allowed to create a Tweet with duplicate content."), XClient.Problem(JsonNode.Parse(
            """{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}""")!.AsObject(), "Forbidden"));
        Assert.Equal(("invalid_request", "Value passed for the token was invalid."), XClient.Problem(JsonNode.Parse(
            """{"error":"invalid_request","error_description":"Value passed for the token was invalid."}""")!.AsObject(), "Bad Request"));
        Assert.Equal(("Too Many Requests", "Rate limit exceeded"), XClient.Problem(JsonNode.Parse(
            """{"errors":[{"code":88,"message":"Rate limit exceeded"}]}""")!.AsObject(), "Too Many Requests"));
        Assert.Equal(("Service Unavailable", "Service Unavailable"), XClient.Problem(null, "Service Unavailable"));
        Assert.True(new XException(System.Net.HttpStatusCode.Forbidden, "Forbidden", "You are not allowed to create a Tweet with duplicate content.", null).IsDuplicate);
        Assert.Equal(Domain.DeliveryFailure.Transient, new XException(System.Net.HttpStatusCode.ServiceUnavailable, "x", "y", null).ToDelivery("z").Failure);
        Assert.Equal(Domain.DeliveryFailure.Permanent, new XException(System.Net.HttpStatusCode.BadRequest, "x", "y", null).ToDelivery("z").Failure);
    }
}
