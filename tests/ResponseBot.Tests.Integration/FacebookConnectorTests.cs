using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Ports;
using ResponseBot.Cards;
using ResponseBot.Domain.Accounts;
using ResponseBot.Platforms.Facebook;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The Facebook Pages connector through the real host and PostgreSQL against a fake Graph API and Meta's side of the webhook:
/// the handshake, signed feed changes becoming cases once, edits and removals applied, the Page's own comments ignored, replies
/// posted exactly once (a timed-out send included), a refused token and throttling handled, refused deliveries raised with the
/// rota and cleared, and comments hidden and shown again.
/// </summary>
public sealed class FacebookConnectorTests(PostgresFixture pg)
{
    private const string Account = "fb";

    private static Task<Scenario> StartAsync(PostgresFixture pg, FakeFacebook fb, Action<Dictionary<string, string?>>? more = null,
        Action<IServiceCollection>? services = null) =>
        Scenario.StartAsync(pg, services: services, settings: s =>
        {
            s[$"Accounts:{Account}:Platform"] = "Facebook";
            s[$"Accounts:{Account}:Handle"] = "ExampleCouncil";
            s[$"Accounts:{Account}:PageId"] = fb.PageId;
            s[$"Accounts:{Account}:PageAccessToken"] = fb.Token;
            s[$"Accounts:{Account}:AppSecret"] = fb.AppSecret;
            s[$"Accounts:{Account}:VerifyToken"] = fb.VerifyToken;
            s[$"Accounts:{Account}:ServiceUrl"] = fb.BaseUrl.ToString();
            more?.Invoke(s);
        });

    private static async Task<long> CaseForAsync(Scenario s, string externalId)
    {
        long id = 0;
        await Eventually.TrueAsync(async () => (id = await s.Db.ScalarAsync<long>(
                "select coalesce(max(id), 0) from cases where account_id = @Account and external_id = @externalId", new { Account, externalId })) > 0,
            $"a case for {externalId}", diagnostics: () => s.Bot.Logs.Summary());
        return id;
    }

    private static async Task<(Scenario S, long CaseId, JsonObject Comment)> CommentCaseAsync(PostgresFixture pg, FakeFacebook fb, string text,
        Action<Dictionary<string, string?>>? more = null, Action<IServiceCollection>? services = null)
    {
        var s = await StartAsync(pg, fb, more, services);
        await s.GoOnCallAsync(s.Alex);
        var comment = fb.Comment(fb.PagePost("Bin collections move to Tuesday next week.")["id"]!.ToString(), "Sam Resident", text);
        Assert.Equal(HttpStatusCode.OK, (await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(comment)))).StatusCode);
        var caseId = await CaseForAsync(s, (string)comment["id"]!);
        await s.CardPostedToAsync(s.Alex, caseId);
        return (s, caseId, comment);
    }

    private static async Task ApproveAsync(Scenario s, long caseId, string until)
    {
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == until, $"the case {until}", TimeSpan.FromSeconds(30),
            diagnostics: () => s.Bot.Logs.Summary());
    }

    private static IEnumerable<FakeFacebook.Request> CommentPosts(FakeFacebook fb) => fb.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/comments"));

    [Fact]
    public async Task The_handshake_echoes_the_challenge_only_for_the_right_verify_token()
    {
        await using var fb = await FakeFacebook.StartAsync();
        await using var s = await StartAsync(pg, fb);

        var ok = await s.Bot.Http.GetAsync($"api/webhooks/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={fb.VerifyToken}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        var wrong = await s.Bot.Http.GetAsync("api/webhooks/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("verify_token", (await wrong.Content.ReadAsStringAsync()));
        var notSubscribe = await s.Bot.Http.GetAsync($"api/webhooks/facebook?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token={fb.VerifyToken}");
        Assert.Equal(HttpStatusCode.Forbidden, notSubscribe.StatusCode);
        var huge = await s.Bot.Http.GetAsync($"api/webhooks/facebook?hub.mode=subscribe&hub.challenge={new string('1', 500)}&hub.verify_token={fb.VerifyToken}");
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains(fb.VerifyToken));
    }

    [Fact]
    public async Task A_signed_comment_becomes_one_case_with_a_card_and_its_replay_makes_no_second()
    {
        await using var fb = await FakeFacebook.StartAsync();
        await using var s = await StartAsync(pg, fb);
        await s.GoOnCallAsync(s.Alex);
        var post = fb.PagePost("Bin collections move to Tuesday next week.");
        var comment = fb.Comment((string)post["id"]!, "Sam Resident", "Mine wasn't collected on Elm Road \u2014 third week running \u0007");
        var delivery = fb.Delivery(fb.CommentChange(comment));

        var first = await fb.DeliverAsync(s.Bot.Http, delivery);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var commentId = (string)comment["id"]!;
        var caseId = await CaseForAsync(s, commentId);                          // committed before the 200
        await s.CardPostedToAsync(s.Alex, caseId);
        var card = JsonText.Of(s.LatestCard(s.Alex, caseId));
        Assert.Contains("Reply will be posted as @ExampleCouncil on Facebook", card);
        Assert.Contains("Bin collections move to Tuesday next week.", card);        // the post it answers, fetched once
        Assert.Equal("Mine wasn't collected on Elm Road \u2014 third week running",
            await s.Db.ScalarAsync<string>("select text from cases where id = @caseId", new { caseId }));
        Assert.Equal("Sam Resident", await s.Db.ScalarAsync<string>("select author_handle from cases where id = @caseId", new { caseId }));
        Assert.Equal((string)post["id"]!, await s.Db.ScalarAsync<string>("select in_reply_to from cases where id = @caseId", new { caseId }));
        Assert.StartsWith($"https://www.facebook.com/{post["id"]}?comment_id=", await s.Db.ScalarAsync<string>("select url from cases where id = @caseId", new { caseId }));

        var replay = await fb.DeliverAsync(s.Bot.Http, delivery);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, await s.Db.CountAsync("cases", "external_id = @commentId", new { commentId }));
        Assert.Single(fb.Requests, r => r.Method == "GET" && r.Path.EndsWith((string)post["id"]!));   // the parent, read once
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains(fb.AppSecret) || l.Contains(fb.Token));
    }

    [Fact]
    public async Task A_forged_or_missing_signature_is_refused_with_nothing_stored()
    {
        await using var fb = await FakeFacebook.StartAsync();
        await using var s = await StartAsync(pg, fb);
        var comment = fb.Comment((string)fb.PagePost("Road closures this weekend")["id"]!, "Mallory", "forged");
        var delivery = fb.Delivery(fb.CommentChange(comment));

        var forged = await fb.DeliverForgedAsync(s.Bot.Http, delivery);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("signature does not match", await forged.Content.ReadAsStringAsync());
        var missing = await fb.DeliverAsync(s.Bot.Http, delivery, unsigned: true);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("X-Hub-Signature-256", await missing.Content.ReadAsStringAsync());
        var garbage = await fb.DeliverAsync(s.Bot.Http, delivery, signature: "sha256=zz");
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        // Signed right, for a Page that isn't ours: acknowledged and ignored.
        var otherPage = await fb.DeliverAsync(s.Bot.Http, fb.Delivery([fb.CommentChange(comment)], pageId: "999999999999"));
        Assert.Equal(HttpStatusCode.OK, otherPage.StatusCode);
        // Signed right, not JSON.
        var (_, sig) = fb.Signed(delivery);
        var notJson = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/facebook") { Content = new StringContent("{not json") };
        notJson.Headers.Add(FacebookSignature.Header, FacebookSignature.Sign(fb.AppSecret, "{not json"u8));
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Bot.Http.SendAsync(notJson)).StatusCode);
        Assert.NotEqual(sig, FacebookSignature.Sign("another", "x"u8));
        // Larger than any delivery: refused before its signature is even computed.
        var huge = new byte[FacebookWebhookEndpoint.MaxBodyBytes + 1];
        var tooLarge = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/facebook") { Content = new ByteArrayContent(huge) };
        tooLarge.Headers.Add(FacebookSignature.Header, FacebookSignature.Sign(fb.AppSecret, huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await s.Bot.Http.SendAsync(tooLarge)).StatusCode);

        Assert.Equal(0, await s.Db.CountAsync("cases", "account_id = @Account", new { Account }));
        Assert.DoesNotContain(s.Bot.Logs.Lines, l => l.Contains("sha256="));
    }

    [Fact]
    public async Task A_reply_to_a_comment_shows_the_comment_it_answers_on_the_card()
    {
        await using var fb = await FakeFacebook.StartAsync();
        await using var s = await StartAsync(pg, fb);
        await s.GoOnCallAsync(s.Alex);
        var post = fb.PagePost("Consultation on the new cycle lanes is open.");
        var first = fb.Comment((string)post["id"]!, "Jo Neighbour", "Where do we send comments about the High Street section?");
        var reply = fb.Comment((string)first["id"]!, "Sam Resident", "Same question, and why is the map missing Mill Lane?");

        Assert.Equal(HttpStatusCode.OK, (await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(reply)))).StatusCode);
        var caseId = await CaseForAsync(s, (string)reply["id"]!);
        await s.CardPostedToAsync(s.Alex, caseId);
        var card = JsonText.Of(s.LatestCard(s.Alex, caseId));
        Assert.Contains("Where do we send comments about the High Street section?", card);
        Assert.Contains("Jo Neighbour", card);
        Assert.Equal((string)first["id"]!, await s.Db.ScalarAsync<string>("select in_reply_to from cases where id = @caseId", new { caseId }));

        // Graph failing to give the context loses nothing but the context.
        fb.Fault = r => r.Method == "GET" ? FakeFacebook.ServerError() : null;
        var another = fb.Comment((string)first["id"]!, "Ali Visitor", "And the Station Road bit?");
        Assert.Equal(HttpStatusCode.OK, (await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(another)))).StatusCode);
        var anotherCase = await CaseForAsync(s, (string)another["id"]!);
        Assert.Null(await s.Db.ScalarAsync<string?>("select parent_text from cases where id = @anotherCase", new { anotherCase }));
    }

    [Fact]
    public async Task An_edit_updates_the_case_and_a_removal_closes_it()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, comment) = await CommentCaseAsync(pg, fb, "The streetlight on Mill Lane is out");
        await using var _ = s;

        var edited = await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(comment, "edited", "The streetlight on Mill Lane is out, and someone fell")));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("The streetlight on Mill Lane is out, and someone fell", await s.Db.ScalarAsync<string>("select text from cases where id = @caseId", new { caseId }));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'mention_edited'", new { caseId }));

        fb.Delete((string)comment["id"]!);
        var removed = await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(comment, "remove")));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("Dismissed", await s.StateAsync(caseId));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'mention_deleted'", new { caseId }));
    }

    [Fact]
    public async Task The_Pages_own_comments_and_other_feed_changes_are_not_mentions()
    {
        await using var fb = await FakeFacebook.StartAsync();
        await using var s = await StartAsync(pg, fb);
        var post = fb.PagePost("Libraries open late on Thursdays.");
        var ours = fb.Comment((string)post["id"]!, fb.PageName, "Thanks, we've passed this on.", asPage: true);
        var like = new JsonObject { ["item"] = "reaction", ["verb"] = "add", ["post_id"] = post["id"]!.DeepClone(), ["reaction_type"] = "like",
            ["from"] = new JsonObject { ["id"] = "42", ["name"] = "Fan" }, ["created_time"] = 1764600000 };
        var visitor = fb.VisitorPost("Ali Visitor", "Is the tip open on Sunday?");

        var response = await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(ours), like, FakeFacebook.PostChange(fb.Find((string)post["id"]!)!), FakeFacebook.PostChange(visitor)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var visitorCase = await CaseForAsync(s, (string)visitor["id"]!);
        Assert.Equal("Is the tip open on Sunday?", await s.Db.ScalarAsync<string>("select text from cases where id = @visitorCase", new { visitorCase }));
        Assert.Equal(1, await s.Db.CountAsync("cases", "account_id = @Account", new { Account }));
    }

    [Fact]
    public async Task Approve_posts_one_reply_under_the_comment_with_its_id_and_link()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, comment) = await CommentCaseAsync(pg, fb, "My bin wasn't collected");
        await using var _ = s;

        await ApproveAsync(s, caseId, "Sent");
        var reply = Assert.Single(fb.Posted);
        Assert.Equal((string)comment["id"]!, (string?)reply["parent"]);
        Assert.StartsWith("Hi Sam, thanks", (string)reply["message"]!);
        var post = Assert.Single(CommentPosts(fb));
        Assert.Equal($"/v24.0/{comment["id"]}/comments", post.Path);
        Assert.Equal((string?)reply["id"], await s.Db.ScalarAsync<string>("select platform_reply_id from cases where id = @caseId", new { caseId }));
        var link = await s.Db.ScalarAsync<string>("select platform_reply_url from cases where id = @caseId", new { caseId });
        Assert.Equal(fb.PermalinkOf((string)reply["id"]!), link);
        Assert.StartsWith($"https://www.facebook.com/{fb.PageId}/posts/", link);
        Assert.DoesNotContain(fb.Requests, r => r.Query.ContainsKey("access_token"));          // the token travels in a header only
    }

    [Fact]
    public async Task A_send_that_timed_out_after_Facebook_took_it_is_not_posted_again()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, _) = await CommentCaseAsync(pg, fb, "A pothole on the High Street",
            services: x => x.AddHttpClient(GraphClient.ClientName, c => c.Timeout = TimeSpan.FromSeconds(1)));
        await using var __ = s;
        fb.SlowAccepts = 1;                                                        // stored, but answered after the bot gave up

        await ApproveAsync(s, caseId, "Sent");
        Assert.Single(CommentPosts(fb));                                           // the retry found it instead of posting
        var reply = Assert.Single(fb.Posted);
        Assert.Equal((string?)reply["id"], await s.Db.ScalarAsync<string>("select platform_reply_id from cases where id = @caseId", new { caseId }));
        Assert.True(fb.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/comments")) >= 2, "looked before each attempt");
    }

    [Fact]
    public async Task An_expired_Page_token_fails_the_case_naming_the_setting()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, _) = await CommentCaseAsync(pg, fb, "Who do I call about fly-tipping?");
        await using var _ = s;
        fb.Fault = _ => FakeFacebook.ExpiredToken();

        await ApproveAsync(s, caseId, "Failed");
        var reason = await s.Db.ScalarAsync<string>("select failure_reason from cases where id = @caseId", new { caseId });
        Assert.Contains($"Accounts:{Account}:PageAccessToken", reason);
        Assert.Contains("190", reason);
        Assert.Empty(fb.Posted);
    }

    [Fact]
    public async Task A_throttled_send_waits_for_the_usage_window_before_trying_again()
    {
        await using var fb = await FakeFacebook.StartAsync();
        // The outbox never waits longer than its MaxRetryDelay: the minute Graph asks for is held to 3 s here.
        var (s, caseId, _) = await CommentCaseAsync(pg, fb, "Is the leisure centre open on bank holidays?",
            more: c => c["Outbox:MaxRetryDelay"] = "00:00:03");
        await using var __ = s;
        var throttled = 0;
        fb.Fault = r => r.Method == "POST" && Interlocked.Exchange(ref throttled, 1) == 0 ? fb.Throttled(minutes: 1) : null;

        await ApproveAsync(s, caseId, "Sent");
        var posts = CommentPosts(fb).ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(2.9), $"retried after {posts[1].At - posts[0].At}, not the usage wait");
        Assert.Single(fb.Posted);
        Assert.Contains(s.Bot.Logs.Lines, l => l.Contains("Facebook is rate limiting the Page (code 4)"));
    }

    [Fact]
    public async Task Refused_deliveries_for_our_Page_raise_the_alarm_once_and_a_good_one_clears_it_once()
    {
        await using var fb = await FakeFacebook.StartAsync();
        await using var s = await StartAsync(pg, fb, more: c => c["Rota:Coordinators:0"] = "aad-alex");
        (await s.SendAsync(s.Alex.Install())).EnsureSuccessStatusCode();
        string[] Texts() => s.Connector.Texts().ToArray();
        var post = fb.PagePost("Council tax bills are out.");

        for (var i = 0; i < 4; i++)
        {
            var comment = fb.Comment((string)post["id"]!, "Someone", $"comment {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await fb.DeliverForgedAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(comment)))).StatusCode);
        }
        await Eventually.TrueAsync(() => Texts().Any(t => t.StartsWith("Mentions of @ExampleCouncil on Facebook are not coming in")), "coordinator told",
            diagnostics: () => s.Bot.Logs.Summary());

        var good = fb.Comment((string)post["id"]!, "Sam Resident", "When are the bills due?");
        Assert.Equal(HttpStatusCode.OK, (await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(good)))).StatusCode);
        await Eventually.TrueAsync(() => Texts().Any(t => t.StartsWith("Mentions of @ExampleCouncil on Facebook are coming in again")), "told it recovered");
        Assert.Equal(HttpStatusCode.OK, (await fb.DeliverAsync(s.Bot.Http, fb.Delivery(fb.CommentChange(good)))).StatusCode);
        await Task.Delay(500);
        Assert.Single(Texts(), t => t.Contains("are not coming in"));
        Assert.Single(Texts(), t => t.Contains("coming in again"));
        Assert.Equal(0, await s.Db.ScalarAsync<int>("select consecutive_failures from sources where account_id = @Account", new { Account }));
    }

    [Fact]
    public async Task Hiding_and_showing_a_comment_reaches_Facebook_with_is_hidden()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, comment) = await CommentCaseAsync(pg, fb, "Buy cheap followers at spam.example");
        await using var _ = s;
        var moderator = s.Bot.Services.GetServices<IModerator>().Single(m => m.Platform == Platform.Facebook);
        var @case = await CaseRecordAsync(s, caseId);

        await moderator.SetHiddenAsync(@case, hidden: true, CancellationToken.None);
        Assert.True(fb.IsHidden((string)comment["id"]!));
        await moderator.SetHiddenAsync(@case, hidden: true, CancellationToken.None);                   // already hidden: fine
        await moderator.SetHiddenAsync(@case, hidden: false, CancellationToken.None);
        Assert.False(fb.IsHidden((string)comment["id"]!));
        var calls = fb.Requests.Where(r => r.Method == "POST" && r.Path == $"/v24.0/{comment["id"]}").Select(r => r.Form["is_hidden"]).ToList();
        Assert.Equal(["true", "true", "false"], calls);

        fb.Delete((string)comment["id"]!);
        var gone = await Assert.ThrowsAsync<ResponseBot.Domain.DeliveryException>(() => moderator.SetHiddenAsync(@case, true, CancellationToken.None));
        Assert.Equal(ResponseBot.Domain.DeliveryFailure.Permanent, gone.Failure);
        Assert.Contains("the comment is gone", gone.Message);
    }

    [Fact]
    public async Task Hide_on_the_card_hides_the_comment_on_Facebook_logs_its_text_as_evidence_and_Unhide_shows_it_again()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, comment) = await CommentCaseAsync(pg, fb, "You lot are useless and I know where your officer lives");
        await using var _ = s;
        var commentId = (string)comment["id"]!;

        var noReason = await s.ClickAsync(s.Alex, CardVerbs.Hide, caseId, inputs: new JsonObject { [CardVerbs.HideReasonInputId] = " " });
        Assert.Contains("Give a reason", JsonText.Of(noReason));
        var card = await s.ClickAsync(s.Alex, CardVerbs.Hide, caseId, inputs: new JsonObject { [CardVerbs.HideReasonInputId] = "Threat against a member of staff" });
        Assert.Contains("Hidden on Facebook by Alex Wilber", JsonText.Of(card));
        await Eventually.TrueAsync(() => fb.IsHidden(commentId), "the comment hidden on Facebook", diagnostics: () => s.Bot.Logs.Summary());
        var log = await s.Db.QueryAsync<(string Actor, string? Before, string? Reason)>(
            "select actor_id, text_before, reason from decision_log where case_id = @caseId and action = 'hidden'", new { caseId });
        Assert.Equal(("aad-alex", "You lot are useless and I know where your officer lives", "Threat against a member of staff"), Assert.Single(log));
        Assert.Equal("Notified", await s.StateAsync(caseId));                         // still there to be answered

        // The person who isn't on call gets no button and is refused if they try.
        var refused = await s.ClickAsync(s.Megan, CardVerbs.Unhide, caseId);
        Assert.DoesNotContain("Unhide on Facebook", JsonText.Of(refused));
        Assert.True(fb.IsHidden(commentId));

        Assert.Contains("Unhide on Facebook", JsonText.Of(card));
        await s.ClickAsync(s.Alex, CardVerbs.Unhide, caseId);
        await Eventually.TrueAsync(() => !fb.IsHidden(commentId), "the comment shown again", diagnostics: () => s.Bot.Logs.Summary());
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'unhidden'", new { caseId }));
    }

    [Fact]
    public async Task A_hide_Facebook_refuses_puts_the_case_back_and_tells_the_officer_why()
    {
        await using var fb = await FakeFacebook.StartAsync();
        var (s, caseId, comment) = await CommentCaseAsync(pg, fb, "Spam spam spam");
        await using var _ = s;
        fb.Delete((string)comment["id"]!);                                             // gone before the hide reaches it
        await s.ClickAsync(s.Alex, CardVerbs.Hide, caseId, inputs: new JsonObject { [CardVerbs.HideReasonInputId] = "Spam" });
        await Eventually.TrueAsync(() => s.Connector.Texts().Any(t => t.StartsWith($"Case #{caseId}: the post could not be hidden")), "officer told",
            diagnostics: () => s.Bot.Logs.Summary());
        Assert.Null(await s.Db.ScalarAsync<string?>("select hidden_by_id from cases where id = @caseId", new { caseId }));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'hide_failed'", new { caseId }));
    }

    private static async Task<ResponseBot.Domain.Cases.CaseRecord> CaseRecordAsync(Scenario s, long caseId)
    {
        await using var scope = s.Bot.Services.CreateAsyncScope();
        await using var uow = await scope.ServiceProvider.GetRequiredService<IUnitOfWorkFactory>().BeginAsync(CancellationToken.None);
        return (await uow.Cases.GetAsync(caseId, CancellationToken.None))!;
    }
}
