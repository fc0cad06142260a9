using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The signed webhook contract: each bad input gets its stated status and nothing is stored.</summary>
public sealed class WebhookIngestTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task A_signed_mention_is_committed_before_202_and_a_repeat_returns_the_same_case()
    {
        var mention = SignedWebhook.Mention("ext-1", "Is the road closed?");
        var first = await SignedWebhook.PostAsync(_s.Bot.Http, mention);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var caseId = await SignedWebhook.CaseIdAsync(first);
        Assert.Equal(1, await _s.Db.CountAsync("cases", "id = @caseId and external_id = 'ext-1' and text = 'Is the road closed?'", new { caseId }));

        var again = await SignedWebhook.PostAsync(_s.Bot.Http, mention);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(caseId, await SignedWebhook.CaseIdAsync(again));
        Assert.Equal(1, await _s.Db.CountAsync("cases"));
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'received'"));
    }

    [Fact]
    public async Task The_same_mention_delivered_concurrently_becomes_one_case()
    {
        var mention = SignedWebhook.Mention("ext-race", "hello");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SignedWebhook.PostAsync(_s.Bot.Http, mention)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK));
        Assert.Single((await Task.WhenAll(responses.Select(SignedWebhook.CaseIdAsync))).Distinct());
        Assert.Equal(1, await _s.Db.CountAsync("cases"));
    }

    public static TheoryData<string, string> MissingOrBadFields => new()
    {
        { "id", "field 'id' is required" },
        { "author", "field 'author' must be an object" },
        { "author.handle", "field 'author.handle' is required" },
        { "author.name", "field 'author.name' is required" },
        { "text", "field 'text' is required" },
        { "url", "field 'url' is required" },
        { "createdAt", "field 'createdAt' is required" },
    };

    [Theory]
    [MemberData(nameof(MissingOrBadFields))]
    public async Task A_missing_field_is_400_with_the_reason(string field, string reason)
    {
        var mention = SignedWebhook.Mention("ext-2", "hello");
        if (field.StartsWith("author.")) mention["author"]!.AsObject().Remove(field[7..]);
        else mention.Remove(field);
        await AssertRefusedAsync(await SignedWebhook.PostAsync(_s.Bot.Http, mention), HttpStatusCode.BadRequest, reason);
    }

    [Theory]
    [InlineData("url", "javascript:alert(1)", "field 'url' must be an absolute http(s) URL")]
    [InlineData("createdAt", "last Tuesday", "field 'createdAt' must be an ISO-8601 date-time")]
    [InlineData("text", "", "field 'text' is required")]
    public async Task A_malformed_field_is_400_with_the_reason(string field, string value, string reason)
    {
        var mention = SignedWebhook.Mention("ext-3", "hello");
        mention[field] = value;
        await AssertRefusedAsync(await SignedWebhook.PostAsync(_s.Bot.Http, mention), HttpStatusCode.BadRequest, reason);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, Encoding.UTF8.GetBytes("{\"account\": \"council\", ")),
            HttpStatusCode.BadRequest, "body is not valid JSON");
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, Encoding.UTF8.GetBytes("[1,2,3]")),
            HttpStatusCode.BadRequest, "body must be a JSON object");
    }

    [Fact]
    public async Task An_unknown_account_is_answered_exactly_like_a_bad_signature()
    {
        var mention = SignedWebhook.Mention("ext-4", "hello", account: "someone-else");
        var unknown = await SignedWebhook.PostAsync(_s.Bot.Http, mention);
        var badSignature = await SignedWebhook.PostRawAsync(_s.Bot.Http, Encoding.UTF8.GetBytes(SignedWebhook.Mention("ext-4", "hello").ToJsonString()), secret: "the-wrong-secret-0123456789");
        Assert.Equal((badSignature.StatusCode, await badSignature.Content.ReadAsStringAsync()), (unknown.StatusCode, await unknown.Content.ReadAsStringAsync()));
        await AssertRefusedAsync(unknown, HttpStatusCode.Unauthorized, "signature does not match");
    }

    [Theory]
    [InlineData("id", "ext-\\ud800", "field 'id' is not valid Unicode text")]
    [InlineData("text", "cut mid-emoji \\ud83d", "field 'text' is not valid Unicode text")]
    [InlineData("id", "ext-\\u0000", "field 'id' contains a NUL character")]
    public async Task Text_that_cannot_be_stored_is_400_naming_the_field(string field, string raw, string reason)
    {
        var json = SignedWebhook.Mention("ext-9", "hello").ToJsonString().Replace($"\"{(field == "id" ? "ext-9" : "hello")}\"", $"\"{raw}\"");
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, Encoding.UTF8.GetBytes(json)), HttpStatusCode.BadRequest, reason);
    }

    [Fact]
    public async Task A_NUL_in_what_someone_wrote_is_dropped_and_the_mention_kept()
    {
        var json = SignedWebhook.Mention("ext-10", "bins\u0000 not collected").ToJsonString();
        Assert.Equal(HttpStatusCode.Accepted, (await SignedWebhook.PostRawAsync(_s.Bot.Http, Encoding.UTF8.GetBytes(json))).StatusCode);
        Assert.Equal("bins not collected", await _s.Db.ScalarAsync<string>("select text from cases"));
    }

    [Fact]
    public async Task An_unreadable_account_is_a_bad_signature_not_a_500()
    {
        var json = SignedWebhook.Mention("ext-11", "hello").ToJsonString().Replace("\"council\"", "\"coun\\udc00cil\"");
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, Encoding.UTF8.GetBytes(json), secret: null, signature: "sha256=00"),
            HttpStatusCode.Unauthorized, "signature does not match");
    }

    [Fact]
    public async Task A_bad_missing_or_malformed_signature_is_401()
    {
        var body = Encoding.UTF8.GetBytes(SignedWebhook.Mention("ext-5", "hello").ToJsonString());
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, body, secret: "the-wrong-secret-0123456789"), HttpStatusCode.Unauthorized, "signature does not match");
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, body, secret: null), HttpStatusCode.Unauthorized, "X-ResponseBot-Signature");
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, body, signature: "sha256=zz-not-hex"), HttpStatusCode.Unauthorized, "signature does not match");
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, body, signature: "md5=abc"), HttpStatusCode.Unauthorized, "signature does not match");

        // A body changed after signing (here: the text) no longer matches.
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = ResponseBot.Platforms.Generic.WebhookSignature.Sign(BotHost.Secret, ts, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("hello", "HELLO"));
        await AssertRefusedAsync(await SignedWebhook.PostRawAsync(_s.Bot.Http, tampered, timestamp: ts, signature: signature), HttpStatusCode.Unauthorized, "signature does not match");
    }

    [Fact]
    public async Task A_stale_or_missing_timestamp_is_401_even_when_correctly_signed()
    {
        var mention = SignedWebhook.Mention("ext-6", "hello");
        var stale = DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-5).ToUnixTimeSeconds();
        await AssertRefusedAsync(await SignedWebhook.PostAsync(_s.Bot.Http, mention, timestamp: stale), HttpStatusCode.Unauthorized, "more than 5 minutes");
        var future = DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds();
        await AssertRefusedAsync(await SignedWebhook.PostAsync(_s.Bot.Http, mention, timestamp: future), HttpStatusCode.Unauthorized, "more than 5 minutes");

        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/generic") { Content = new StringContent(mention.ToJsonString()) };
        await AssertRefusedAsync(await _s.Bot.Http.SendAsync(request), HttpStatusCode.Unauthorized, "X-ResponseBot-Timestamp");
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413()
    {
        var mention = SignedWebhook.Mention("ext-7", new string('a', 64 * 1024));
        await AssertRefusedAsync(await SignedWebhook.PostAsync(_s.Bot.Http, mention), HttpStatusCode.RequestEntityTooLarge, "larger than 65536 bytes");

        // Also without a Content-Length up front (chunked): the limit is enforced while reading.
        var body = Encoding.UTF8.GetBytes(mention.ToJsonString());
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/generic") { Content = new StreamContent(new MemoryStream(body)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-ResponseBot-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        request.Headers.Add("X-ResponseBot-Signature", "sha256=00");
        await AssertRefusedAsync(await _s.Bot.Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "larger than");
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        Assert.Equal(status, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(reason, body["error"]!.GetValue<string>());
        Assert.Equal(0, await _s.Db.CountAsync("cases"));
        Assert.Equal(0, await _s.Db.CountAsync("decision_log"));
        Assert.Equal(0, await _s.Db.CountAsync("outbox"));
    }
}
