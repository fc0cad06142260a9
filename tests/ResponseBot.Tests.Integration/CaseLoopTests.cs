using ResponseBot.Platforms.Generic;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The whole loop against real Postgres and a fake Bot Connector: mention → card → decision → reply → card updated.</summary>
public sealed class CaseLoopTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task Approve_publishes_the_suggested_reply_once_logs_it_and_updates_the_card()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-1", "The bins on Elm Road weren't collected", handle: "elm_resident");
        var cardId = await _s.CardPostedToAsync(_s.Alex, caseId);

        var posted = JsonText.Of(_s.Connector.CaseCards().Single().Card);
        Assert.Contains("Reply will be posted as ", posted);
        Assert.Contains("@ExampleCouncil on Community Forum", posted);
        Assert.Contains("The bins on Elm Road weren't collected", posted);

        var response = await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId, replyToId: cardId);
        Assert.Equal("application/vnd.microsoft.card.adaptive", response["type"]!.GetValue<string>());
        Assert.Contains("Approved by ", response["value"].Text());

        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "reply published");
        var reply = _s.Receiver.Received.Single();
        Assert.Equal("m-1", reply.InReplyTo);
        Assert.StartsWith("Hi @elm_resident, thanks for getting in touch.", reply.Text);
        // Stable per case, kind and text: the receiver can drop a retry's duplicate, and a corrected text is a new key.
        Assert.Equal($"responsebot-case-{caseId}-reply-", reply.IdempotencyKey![..^16]);
        Assert.Equal(GenericWebhookPublisher.IdempotencyKey(caseId, "reply", reply.Text), reply.IdempotencyKey);
        Assert.NotEqual(reply.IdempotencyKey, GenericWebhookPublisher.IdempotencyKey(caseId, "reply", reply.Text + " Thanks."));

        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.Method == "PUT" && c.ActivityId == cardId && c.Body.Text().Contains("Sent by ")),
            "card updated in place to Sent");
        var log = await _s.Db.QueryAsync<(string Action, string ActorId, string ActorName, string? TextAfter)>(
            "select action, actor_id, actor_name, text_after from decision_log where case_id = @caseId order by id", new { caseId });
        Assert.Equal(["received", "notified", "approved", "publishing", "published"], log.Select(l => l.Action));
        var approved = log.Single(l => l.Action == "approved");
        Assert.Equal(("aad-alex", "Alex Wilber", reply.Text), (approved.ActorId, approved.ActorName, approved.TextAfter));
        Assert.Equal("Sent", await _s.Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }));
        Assert.Equal($"posted-{caseId}", await _s.Db.ScalarAsync<string>("select platform_reply_id from cases where id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task Edit_then_send_publishes_the_edited_text_and_logs_before_and_after()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-2", "Is the library open on Sunday?");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        await _s.ClickAsync(_s.Alex, CardVerbs.SendEdited, caseId, replyText: "  Hi! Yes, 10:00 to 16:00 this Sunday.\r\n  ");

        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "edited reply published");
        Assert.Equal("Hi! Yes, 10:00 to 16:00 this Sunday.", _s.Receiver.Received.Single().Text);
        var edit = (await _s.Db.QueryAsync<(string? Before, string? After)>(
            "select text_before, text_after from decision_log where case_id = @caseId and action = 'edited_and_approved'", new { caseId })).Single();
        Assert.StartsWith("Hi @resident42, thanks for getting in touch.", edit.Before);
        Assert.Equal("Hi! Yes, 10:00 to 16:00 this Sunday.", edit.After);
    }

    [Fact]
    public async Task An_empty_or_overlong_edit_is_refused_on_the_card_and_nothing_is_published()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-3", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var empty = await _s.ClickAsync(_s.Alex, CardVerbs.SendEdited, caseId, replyText: "   ");
        Assert.Contains("The reply is empty", empty["value"].Text());
        var tooLong = await _s.ClickAsync(_s.Alex, CardVerbs.SendEdited, caseId, replyText: new string('x', 2001));
        Assert.Contains("The reply is 2001 characters; this account allows 2000.", tooLong["value"].Text());

        await Task.Delay(300);
        Assert.Empty(_s.Receiver.Received);
        Assert.Equal("Notified", await _s.Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task Someone_not_on_call_is_refused_whatever_the_card_data_says()
    {
        await _s.GoOnCallAsync(_s.Alex);
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        var caseId = await _s.MentionAsync("m-4", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var refused = await _s.ClickAsync(_s.Megan, CardVerbs.Approve, caseId);
        Assert.Equal("application/vnd.microsoft.activity.message", refused["type"]!.GetValue<string>());
        Assert.Contains("You're not the officer on call", refused["value"]!.GetValue<string>());

        await Task.Delay(300);
        Assert.Empty(_s.Receiver.Received);
        // The attempt is on the record, and it is the only thing Megan did to the case.
        var attempts = await _s.Db.QueryAsync<(string Action, string Reason)>(
            "select action, reason from decision_log where case_id = @caseId and actor_id = 'aad-megan'", new { caseId });
        Assert.Equal(("refused", "NotOnCall"), Assert.Single(attempts));
    }

    [Fact]
    public async Task A_double_click_publishes_once_and_the_second_click_sees_who_handled_it()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-5", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId)));
        Assert.All(clicks, c => Assert.Contains("Alex Wilber", c["value"].Text()));

        await Eventually.TrueAsync(() => _s.Receiver.Received.Count >= 1, "reply published");
        await Task.Delay(500);
        Assert.Single(_s.Receiver.Received);
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'approved'", new { caseId }));
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "case_id = @caseId and kind = 'reply.publish'", new { caseId }));
    }

    [Fact]
    public async Task A_mention_with_nobody_on_call_is_kept_and_sent_when_someone_goes_on_call()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        var caseId = await _s.MentionAsync("m-6", "Anyone there?");
        await Task.Delay(300);
        Assert.Empty(_s.Connector.CaseCards());
        Assert.Equal("New", await _s.Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }));

        await _s.GoOnCallAsync(_s.Alex);
        await _s.CardPostedToAsync(_s.Alex, caseId);
        Assert.Contains(_s.Connector.Texts(), t => t == "You're on call now. 1 open case is on its way to you.");
    }

    [Fact]
    public async Task Taking_over_hands_open_cases_to_the_new_officer_and_tells_the_old_one()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-7", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        await _s.GoOnCallAsync(_s.Megan);
        await _s.CardPostedToAsync(_s.Megan, caseId);
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.ConversationId == _s.Alex.ConversationId
            && c.Body["text"]?.GetValue<string>() == "Megan Bowen has taken over on call. You're off call now."), "Alex told Megan took over");

        var refused = await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        Assert.Contains("not the officer on call", refused["value"].Text());
        await _s.ClickAsync(_s.Megan, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "Megan's approval published");
        // Both copies of the card end up showing the outcome.
        await Eventually.TrueAsync(() => _s.Connector.Calls.Count(c => c.Method == "PUT" && c.Body.Text().Contains("Sent by ")) >= 2,
            "both officers' cards updated");
    }

    [Fact]
    public async Task A_receiver_outage_is_retried_and_the_reply_is_posted_exactly_once()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-8", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        _s.Receiver.FailNext(503, 502);

        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);

        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "reply published after retries");
        await Task.Delay(300);
        Assert.Single(_s.Receiver.Received);
        Assert.Equal(3, await _s.Db.ScalarAsync<int>("select attempts from outbox where case_id = @caseId and kind = 'reply.publish'", new { caseId }));
    }

    [Fact]
    public async Task A_permanently_refused_reply_fails_the_case_and_says_so_on_the_card()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-9", "hello");
        var cardId = await _s.CardPostedToAsync(_s.Alex, caseId);
        _s.Receiver.FailNext(422);

        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);

        await Eventually.TrueAsync(async () => await _s.Db.ScalarAsync<string>("select state from cases where id = @caseId", new { caseId }) == "Failed",
            "case marked failed");
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'publish_failed'", new { caseId }));
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.Method == "PUT" && c.ActivityId == cardId
            && c.Body.Text().Contains("Posting failed: reply receiver answered 422")), "card shows the failure");

        // The case is open again: approving retries and this time it goes out.
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "retried reply published");
    }

    [Fact]
    public async Task A_card_action_sent_as_Action_Submit_from_an_older_client_works_too()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("m-10", "hello");
        var cardId = await _s.CardPostedToAsync(_s.Alex, caseId);

        var submit = _s.Alex.Message("");
        submit.Remove("text");
        submit["replyToId"] = cardId;
        submit["value"] = new JsonObject { ["verb"] = CardVerbs.Approve, ["caseId"] = caseId };
        (await _s.SendAsync(submit)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "reply published from a Submit");
        await Eventually.TrueAsync(() => _s.Connector.Calls.Any(c => c.Method == "PUT" && c.ActivityId == cardId && c.Body.Text().Contains("Sent by ")),
            "card updated by PUT since Submit can't replace it");
    }
}

public sealed class ProactiveConversationTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Fact]
    public async Task Someone_we_only_know_from_a_channel_gets_a_new_1to1_chat_created_and_remembered()
    {
        // Megan says "on call" in a team channel: we know how to reach her, but not her personal chat.
        var fromChannel = _s.Megan.Message("<at>ResponseBot</at> on call");
        fromChannel["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2;messageid=1", ["conversationType"] = "channel", ["tenantId"] = "tenant-1" };
        (await _s.SendAsync(fromChannel)).EnsureSuccessStatusCode();

        var caseId = await _s.MentionAsync("m-ch", "hello");
        await _s.CardPostedToAsync(_s.Megan, caseId);

        var create = _s.Connector.Calls.First(c => c.Method == "CREATE");
        Assert.Equal("29:megan", create.Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsUser.BotId, create.Body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("tenant-1", create.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("a:1on1-29:megan", await _s.Db.ScalarAsync<string>("select conversation_id from staff where staff_id = 'aad-megan'"));
        Assert.Contains(_s.Connector.Cards(), c => c.Call.ConversationId == "a:1on1-29:megan");
        // Created once, then reused.
        Assert.Single(_s.Connector.Calls, c => c.Method == "CREATE");
    }
}
