using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using ResponseBot.Domain;
using ResponseBot.Platforms.Facebook;

namespace ResponseBot.Tests.Unit;

public sealed class FacebookTests
{
    private const string Secret = "meta-app-secret-0123456789abcdef";
    private static readonly Instant Received = Instant.FromUtc(2026, 12, 1, 22, 0);

    // The shape of Meta's feed example (Webhooks reference → Page → feed), ids as Graph writes them.
    private const string CommentDelivery = """
        {"object":"page","entry":[{"id":"104512345678901","time":1764626400,"changes":[{"field":"feed","value":{
          "from":{"id":"6543210987654321","name":"Sam Resident"},
          "post":{"status_type":"added_photos","is_published":true,"updated_time":"2026-12-01T22:00:00+0000","id":"104512345678901_2233445566"},
          "message":"Bin not collected on Elm Road \u2014 third week \u0007running","post_id":"104512345678901_2233445566",
          "comment_id":"2233445566_998877","created_time":1764626400,"item":"comment","parent_id":"104512345678901_2233445566","verb":"add"}}]}]}
        """;

    private static IReadOnlyList<FeedEntry> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FacebookFeed.Read(doc.RootElement, out var error, out var page) ?? throw new Xunit.Sdk.XunitException(error);
    }

    [Fact]
    public void The_signature_is_hex_HMAC_SHA256_of_the_raw_body_under_the_app_secret()
    {
        var body = Encoding.UTF8.GetBytes(CommentDelivery);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        Assert.Equal(expected, FacebookSignature.Sign(Secret, body));
        Assert.True(FacebookSignature.Verify(Secret, body, expected));
        Assert.True(FacebookSignature.Verify(Secret, body, "sha256=" + expected[7..].ToUpperInvariant()));
    }

    [Fact]
    public void Verification_refuses_another_secret_another_body_and_malformed_headers()
    {
        var body = Encoding.UTF8.GetBytes(CommentDelivery);
        var good = FacebookSignature.Sign(Secret, body);
        Assert.False(FacebookSignature.Verify("another-app-secret-entirely", body, good));
        Assert.False(FacebookSignature.Verify(Secret, Encoding.UTF8.GetBytes(CommentDelivery.Replace("Elm", "Oak")), good));
        Assert.False(FacebookSignature.Verify(Secret, body, good[7..]));                                  // no sha256= prefix
        Assert.False(FacebookSignature.Verify(Secret, body, "sha1=" + good[7..]));
        Assert.False(FacebookSignature.Verify(Secret, body, "sha256=not-hex"));
        Assert.False(FacebookSignature.Verify(Secret, body, "sha256="));
        Assert.False(FacebookSignature.Verify(Secret, body, null));
    }

    [Fact]
    public void The_signature_covers_the_bytes_as_sent_not_the_text_they_decode_to()
    {
        // Meta escapes non-ASCII text in the body; the same JSON with the character written out is a different body.
        var escaped = Encoding.UTF8.GetBytes("{\"message\":\"caf\\u00e9\"}");
        var literal = Encoding.UTF8.GetBytes("{\"message\":\"café\"}");
        Assert.False(FacebookSignature.Verify(Secret, literal, FacebookSignature.Sign(Secret, escaped)));
    }

    [Fact]
    public void A_comment_becomes_a_mention_under_its_comment_id_answering_the_post()
    {
        var entry = Assert.Single(Read(CommentDelivery));
        Assert.Equal("104512345678901", entry.PageId);
        var change = Assert.Single(entry.Changes);
        Assert.Equal(("comment", "add", "6543210987654321"), (change.Item, change.Verb, change.FromId));

        var m = FacebookFeed.ToMention("fb", change, Received)!;
        Assert.Equal("2233445566_998877", m.ExternalId);
        Assert.Equal("104512345678901_2233445566", m.InReplyTo);
        Assert.Equal("Bin not collected on Elm Road \u2014 third week running", m.Text);               // the control character dropped
        Assert.Equal(("Sam Resident", "Sam Resident", (string?)null), (m.Author.Handle, m.Author.Name, m.Author.Url));
        Assert.Equal("https://www.facebook.com/104512345678901_2233445566?comment_id=998877", m.Url);
        Assert.Equal(Instant.FromUnixTimeSeconds(1764626400), m.CreatedAt);
    }

    [Fact]
    public void A_reply_to_a_comment_answers_that_comment()
    {
        var change = Assert.Single(Assert.Single(Read(CommentDelivery.Replace("\"parent_id\":\"104512345678901_2233445566\"", "\"parent_id\":\"2233445566_111\""))).Changes);
        Assert.Equal("2233445566_111", FacebookFeed.ToMention("fb", change, Received)!.InReplyTo);
    }

    [Fact]
    public void A_visitor_post_is_a_mention_under_its_post_id_and_a_photo_without_words_says_so()
    {
        var json = """
            {"object":"page","entry":[{"id":"1045","time":1,"changes":[
              {"field":"feed","value":{"from":{"id":"77","name":"Ali"},"message":"Is the tip open?","post_id":"1045_66","created_time":1764626400,"item":"status","published":1,"verb":"add"}},
              {"field":"feed","value":{"from":{"id":"78"},"post_id":"1045_67","created_time":"not a number","item":"photo","verb":"add"}},
              {"field":"mention","value":{"post_id":"1045_68","item":"post","verb":"add"}},
              {"field":"feed","value":{"post_id":"../me/accounts","item":"status","verb":"add"}}]}]}
            """;
        var changes = Assert.Single(Read(json)).Changes;
        Assert.Equal(3, changes.Count);                                                               // the mention field isn't the feed
        var post = FacebookFeed.ToMention("fb", changes[0], Received)!;
        Assert.Equal(("1045_66", (string?)null, "https://www.facebook.com/1045_66"), (post.ExternalId, post.InReplyTo, post.Url));
        var photo = FacebookFeed.ToMention("fb", changes[1], Received)!;
        Assert.Equal(("(a photo with no text)", "Facebook user", Received), (photo.Text, photo.Author.Handle, photo.CreatedAt));
        Assert.Null(FacebookFeed.ToMention("fb", changes[2], Received));                             // an id that isn't a Graph id is refused
    }

    [Fact]
    public void Bodies_that_are_not_page_deliveries_are_told_apart()
    {
        using var array = JsonDocument.Parse("[1]");
        Assert.Null(FacebookFeed.Read(array.RootElement, out var error, out _));
        Assert.Equal("body must be a JSON object", error);
        using var other = JsonDocument.Parse("""{"object":"instagram","entry":[]}""");
        Assert.NotNull(FacebookFeed.Read(other.RootElement, out _, out var page));
        Assert.False(page);
        Assert.Equal(["104512345678901"], FacebookFeed.PageIds(Encoding.UTF8.GetBytes(CommentDelivery)));
        Assert.Empty(FacebookFeed.PageIds("{not json"u8));
    }

    [Fact]
    public void A_message_cut_mid_emoji_is_kept_with_a_replacement_mark()
    {
        var change = Assert.Single(Assert.Single(Read(CommentDelivery.Replace("Bin not collected", "\\ud83dBin"))).Changes);
        Assert.StartsWith("\uFFFD", FacebookFeed.ToMention("fb", change, Received)!.Text);
    }

    private static HttpResponseMessage Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Fact]
    public void The_usage_headers_estimate_is_the_wait_and_Retry_After_wins()
    {
        const string buc = """{"104512345678901":[{"type":"pages","call_count":100,"total_cputime":25,"total_time":25,"estimated_time_to_regain_access":19}]}""";
        Assert.Equal(TimeSpan.FromMinutes(19), GraphUsage.RetryAfter(Headers(("X-Business-Use-Case-Usage", buc)).Headers));
        Assert.Equal(TimeSpan.FromMinutes(19), GraphUsage.RetryAfter(Headers(("X-App-Usage", """{"call_count":100,"total_time":5}"""), ("X-Business-Use-Case-Usage", buc)).Headers));
        Assert.Equal(TimeSpan.FromSeconds(7), GraphUsage.RetryAfter(Headers(("Retry-After", "7"), ("X-Business-Use-Case-Usage", buc)).Headers));
        Assert.Null(GraphUsage.RetryAfter(Headers(("X-App-Usage", """{"call_count":10}""")).Headers));
        Assert.Null(GraphUsage.RetryAfter(Headers(("X-Business-Use-Case-Usage", "{broken")).Headers));
    }

    [Theory]
    [InlineData(400, 190, 463, DeliveryFailure.Permanent, "Accounts:fb:PageAccessToken")]
    [InlineData(401, 190, null, DeliveryFailure.Permanent, "Accounts:fb:PageAccessToken")]
    [InlineData(400, 4, null, DeliveryFailure.Transient, "rate limiting")]
    [InlineData(403, 32, null, DeliveryFailure.Transient, "rate limiting")]
    [InlineData(400, 613, null, DeliveryFailure.Transient, "rate limiting")]
    [InlineData(429, 0, null, DeliveryFailure.Transient, "rate limiting")]
    [InlineData(500, 2, null, DeliveryFailure.Transient, "answered 500")]
    [InlineData(503, 0, null, DeliveryFailure.Transient, "answered 503")]
    [InlineData(400, 100, 33, DeliveryFailure.Permanent, "the comment is gone")]
    [InlineData(400, 100, null, DeliveryFailure.Permanent, "answered 400 (code 100")]
    [InlineData(403, 200, null, DeliveryFailure.Permanent, "answered 403 (code 200")]
    public void Graph_errors_are_classified_by_their_code(int status, int code, int? subcode, DeliveryFailure failure, string says)
    {
        var ex = new GraphException((HttpStatusCode)status, code, subcode, "OAuthException", "message", null).ToDelivery("posting the reply", "fb");
        Assert.Equal(failure, ex.Failure);
        Assert.Contains(says, ex.Message);
        Assert.StartsWith("posting the reply: ", ex.Message);
    }

    [Fact]
    public void A_throttle_without_an_estimate_still_waits_a_while_and_one_with_an_estimate_waits_that_long()
    {
        Assert.Equal(GraphUsage.DefaultWait, new GraphException(HttpStatusCode.BadRequest, 17, null, "OAuthException", "x", null).ToDelivery("w", "fb").RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(5),
            new GraphException(HttpStatusCode.BadRequest, 4, null, "OAuthException", "x", TimeSpan.FromMinutes(5)).ToDelivery("w", "fb").RetryAfter);
    }
}
