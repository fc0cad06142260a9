using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The decision workflow end to end against real Postgres and the fake Bot Connector: four-eyes approval,
/// rejection, escalation, dismissal, the undo window, racing actors, manager duty and saved replies.
/// Megan Bowen is a manager; Alex Wilber is the officer on call.
/// </summary>
public sealed class WorkflowTests(PostgresFixture pg) : ScenarioTest(pg, s =>
{
    s["Roles:Managers:0"] = "aad-megan";
    s["Roles:Managers:1"] = "aad-adele";
    s["Replies:Templates:Report online"] = "Hi {author}, you can report this online and track it there. We're back at {cover_until}.";
})
{
    private const string Political = "Will the council vote to scrap the Mill Lane scheme before the election?";
    private TeamsUser Adele => new("aad-adele", "Adele Vance", "29:adele", _s.Connector.ServiceUrl);

    private async Task<(long CaseId, string CardId)> MentionToAlexAsync(string id, string text)
    {
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync(id, text);
        return (caseId, await _s.CardPostedToAsync(_s.Alex, caseId));
    }

    private async Task<List<(string Action, string? From, string? To, string ActorId)>> LogAsync(long caseId) =>
        await _s.Db.QueryAsync<(string, string?, string?, string)>(
            "select action, from_state, to_state, actor_id from decision_log where case_id = @caseId and to_state is not null and action <> 'notified' order by id", new { caseId });

    [Fact]
    public async Task A_risky_reply_waits_for_a_manager_whose_copy_has_the_approval_buttons_and_the_authors_does_not()
    {
        var (caseId, _) = await MentionToAlexAsync("w-1", Political);
        Assert.Equal(["political"], await _s.Db.ScalarAsync<string[]>("select flags from cases where id = @caseId", new { caseId }));

        var drafted = await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        Assert.Contains("Waiting for a manager's approval: the mention is flagged political", drafted["value"].Text());
        Assert.Equal("AwaitingApproval", await _s.StateAsync(caseId));

        await _s.CardPostedToAsync(_s.Megan, caseId);
        Assert.Equal([CardVerbs.ManagerApprove, CardVerbs.ManagerEditApprove, CardVerbs.Reject], Scenario.Verbs(_s.LatestCard(_s.Megan, caseId)));
        Assert.Empty(Scenario.Verbs((JsonObject)drafted["value"]!));

        await _s.ClickAsync(_s.Megan, CardVerbs.ManagerApprove, caseId);
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "approved reply published");
        await Eventually.TrueAsync(() => _s.LatestCard(_s.Alex, caseId).Text().Contains("Sent by Megan Bowen"), "Alex's card shows who sent it");
        await Eventually.TrueAsync(() => _s.LatestCard(_s.Megan, caseId).Text().Contains("Drafted by Alex Wilber, approved by Megan Bowen"), "Megan's card too");
        Assert.Equal([("received", null, "New", "system"), ("drafted", "Notified", "AwaitingApproval", "aad-alex"), ("manager_approved", "AwaitingApproval", "Scheduled", "aad-megan"),
            ("publishing", "Scheduled", "Publishing", "system"), ("published", "Publishing", "Sent", "system")], await LogAsync(caseId));
    }

    [Fact]
    public async Task The_author_can_never_approve_their_own_reply_and_the_attempt_is_logged()
    {
        (await _s.SendAsync(Adele.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Megan.Message("on call"))).EnsureSuccessStatusCode(); // a manager covering as officer
        var caseId = await _s.MentionAsync("w-2", Political);
        await _s.CardPostedToAsync(_s.Megan, caseId);

        await _s.ClickAsync(_s.Megan, CardVerbs.Approve, caseId);
        var self = await _s.ClickAsync(_s.Megan, CardVerbs.ManagerApprove, caseId);
        Assert.Equal("You wrote this reply, so someone else has to approve it.", self["value"]!.GetValue<string>());
        Assert.Equal("AwaitingApproval", await _s.StateAsync(caseId));
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'refused' and actor_id = 'aad-megan' and reason = 'SelfApproval'", new { caseId }));

        // The other manager was asked, and can approve.
        await _s.CardPostedToAsync(Adele, caseId);
        await _s.ClickAsync(Adele, CardVerbs.ManagerApprove, caseId);
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "published after the second manager approved");
    }

    [Fact]
    public async Task A_rejected_reply_goes_back_to_the_author_with_the_reason_and_nothing_is_posted()
    {
        var (caseId, _) = await MentionToAlexAsync("w-3", Political);
        await _s.ClickAsync(_s.Alex, CardVerbs.SendEdited, caseId, replyText: "We'll never scrap it!");
        var noReason = await _s.ClickAsync(_s.Megan, CardVerbs.Reject, caseId);
        Assert.Contains("Give a reason", noReason["value"].Text());

        await _s.ClickAsync(_s.Megan, CardVerbs.Reject, caseId, inputs: new JsonObject { [CardVerbs.RejectReasonInputId] = "No comment on the vote during the election period." });

        Assert.Equal("Rejected", await _s.StateAsync(caseId));
        await Eventually.TrueAsync(() => _s.Connector.Texts().Any(t => t.StartsWith("Megan Bowen rejected your reply to case")), "author told");
        await Eventually.TrueAsync(() => _s.LatestCard(_s.Alex, caseId).Text().Contains("Reply rejected by Megan Bowen"), "Alex's card shows the rejection");
        Assert.Contains(CardVerbs.SendEdited, Scenario.Verbs(_s.LatestCard(_s.Alex, caseId)));
        Assert.Equal("No comment on the vote during the election period.",
            await _s.Db.ScalarAsync<string>("select reason from decision_log where case_id = @caseId and action = 'rejected'", new { caseId }));
        await Task.Delay(400);
        Assert.Empty(_s.Receiver.Received);
    }

    [Fact]
    public async Task An_escalated_case_goes_to_the_manager_who_sends_the_reply()
    {
        var (caseId, _) = await MentionToAlexAsync("w-4", "Someone keeps threatening our staff at the depot");
        var escalated = await _s.ClickAsync(_s.Alex, CardVerbs.Escalate, caseId, inputs: new JsonObject { [CardVerbs.EscalateReasonInputId] = "Threats to staff" });
        Assert.Contains("Escalated to the managers by Alex Wilber", escalated["value"].Text());
        Assert.Empty(Scenario.Verbs((JsonObject)escalated["value"]!));

        await _s.CardPostedToAsync(_s.Megan, caseId);
        Assert.Contains("Escalated by Alex Wilber", _s.LatestCard(_s.Megan, caseId).Text());
        var refused = await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        Assert.Contains("only a manager can act", refused["value"]!.GetValue<string>());

        await _s.ClickAsync(_s.Megan, CardVerbs.SendEdited, caseId, replyText: "We've passed this to the depot manager and the police.");
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "manager's reply published");
        Assert.Equal("We've passed this to the depot manager and the police.", _s.Receiver.Received.Single().Text);
    }

    [Fact]
    public async Task Dismissing_records_the_reason_and_posts_nothing()
    {
        var (caseId, _) = await MentionToAlexAsync("w-5", "lol");
        var card = await _s.ClickAsync(_s.Alex, CardVerbs.Dismiss, caseId, inputs: new JsonObject { [CardVerbs.DismissReasonInputId] = "Not a question." });
        Assert.Contains("No reply needed: dismissed by Alex Wilber", card["value"].Text());
        Assert.Equal("Dismissed", await _s.StateAsync(caseId));
        await Task.Delay(400);
        Assert.Empty(_s.Receiver.Received);
    }

    [Fact]
    public async Task Two_actors_racing_on_one_case_one_wins_and_the_other_sees_who()
    {
        var (caseId, _) = await MentionToAlexAsync("w-6", "hello");
        var responses = await Task.WhenAll(
            _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId, version: 1),
            _s.ClickAsync(_s.Megan, CardVerbs.Dismiss, caseId, version: 1, inputs: new JsonObject { [CardVerbs.DismissReasonInputId] = "dup" }),
            _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId, version: 1));

        var texts = responses.Select(r => r["value"].Text()).ToList();
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "case_id = @caseId and action in ('approved', 'dismissed')", new { caseId }));
        Assert.Equal(2, texts.Count(t => t.Contains("Already handled by")));
        await Task.Delay(500);
        Assert.True(_s.Receiver.Received.Count <= 1);
    }
}

/// <summary>The undo window, with a window long enough to act inside it.</summary>
public sealed class UndoTests(PostgresFixture pg) : ScenarioTest(pg, s => s["Policy:UndoWindow"] = "00:00:01.500")
{
    [Fact]
    public async Task Undo_inside_the_window_publishes_nothing_and_reopens_the_case_with_the_draft()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("u-1", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var scheduled = await _s.ClickAsync(_s.Alex, CardVerbs.SendEdited, caseId, replyText: "On its way.");
        Assert.Contains("Undo before then to stop it.", scheduled["value"].Text());
        var undone = await _s.ClickAsync(_s.Alex, CardVerbs.Undo, caseId);
        Assert.Contains(CardVerbs.Approve, Scenario.Verbs((JsonObject)undone["value"]!));
        Assert.Contains("On its way.", undone["value"].Text()); // the draft is back in the edit box

        await Task.Delay(2500);
        Assert.Empty(_s.Receiver.Received);
        Assert.Equal("Notified", await _s.StateAsync(caseId));
        Assert.Equal("cancelled: undone", await _s.Db.ScalarAsync<string>("select last_error from outbox where case_id = @caseId and kind = 'reply.publish'", new { caseId }));
    }

    [Fact]
    public async Task Undo_after_the_window_is_too_late_and_says_so_and_the_reply_goes_out_once()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("u-2", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        _s.Receiver.Delay = TimeSpan.FromSeconds(5); // a slow platform: still posting when Undo is pressed

        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);
        await Eventually.TrueAsync(async () => await _s.StateAsync(caseId) == "Publishing", "window over, posting");
        var late = await _s.ClickAsync(_s.Alex, CardVerbs.Undo, caseId);
        Assert.Contains("Too late to undo: the undo window is over and the reply is being posted.", late["value"].Text());

        // Posted, and the outcome recorded (the platform answering comes just before the bot records it).
        await Eventually.TrueAsync(async () => _s.Receiver.Received.Count == 1 && await _s.StateAsync(caseId) == "Sent", "published");
        var after = await _s.ClickAsync(_s.Alex, CardVerbs.Undo, caseId);
        Assert.Contains("Too late to undo: the reply was posted at", after["value"].Text());
        await Task.Delay(300);
        Assert.Single(_s.Receiver.Received);
    }
}

/// <summary>Managers on duty, saved replies and stale cards.</summary>
public sealed class ManagerDutyTests(PostgresFixture pg) : ScenarioTest(pg, s =>
{
    s["Roles:Managers:0"] = "aad-megan";
    s["Roles:Managers:1"] = "aad-adele";
    s["Replies:Templates:Report online"] = "Hi {author}, you can report this online and track it there. We're back at {cover_until}.";
})
{
    private TeamsUser Adele => new("aad-adele", "Adele Vance", "29:adele", _s.Connector.ServiceUrl);

    [Fact]
    public async Task Only_managers_can_go_on_duty_and_the_manager_on_duty_alone_gets_approvals_waiting_and_new()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Alex.Message("on call as manager"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => _s.Connector.Texts().Contains("Only managers (listed in Roles:Managers) can go on call as manager."), "Alex refused");

        await _s.GoOnCallAsync(_s.Alex);
        (await _s.SendAsync(Adele.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        var waiting = await _s.MentionAsync("d-1", "A journalist asking for comment on the bins strike");
        await _s.CardPostedToAsync(_s.Alex, waiting);
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, waiting);
        // No manager on duty: every configured manager is asked.
        await _s.CardPostedToAsync(Adele, waiting);
        await _s.CardPostedToAsync(_s.Megan, waiting);

        (await _s.SendAsync(Adele.Message("on call as manager"))).EnsureSuccessStatusCode();
        var next = await _s.MentionAsync("d-2", "Another journalist, same strike");
        await _s.CardPostedToAsync(_s.Alex, next);
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, next);
        await _s.CardPostedToAsync(Adele, next);
        await Task.Delay(400);
        Assert.Equal(0, await _s.Db.CountAsync("case_cards", "case_id = @next and staff_id = 'aad-megan'", new { next }));
    }

    [Fact]
    public async Task A_saved_reply_can_be_chosen_in_the_card_and_is_what_gets_sent()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("t-1", "Pothole on Elm Road", handle: "elm_res");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        var chosen = await _s.ClickAsync(_s.Alex, CardVerbs.UseTemplate, caseId, inputs: new JsonObject { [CardVerbs.TemplateChoiceInputId] = "Report online" });
        Assert.Contains("Hi @elm_res, you can report this online and track it there. We're back at 09:00", chosen["value"].Text());
        Assert.Contains(CardVerbs.Approve, Scenario.Verbs((JsonObject)chosen["value"]!));

        // The Approve button now carries the template's name; the text is rendered on the server.
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId, inputs: new JsonObject { [CardVerbs.TemplateKey] = "Report online" });
        await Eventually.TrueAsync(() => _s.Receiver.Received.Count == 1, "template reply published");
        Assert.StartsWith("Hi @elm_res, you can report this online", _s.Receiver.Received.Single().Text);
    }

    [Fact]
    public async Task Acting_on_an_out_of_date_card_shows_the_current_one_instead()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("s-1", "hello");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        await _s.ClickAsync(_s.Alex, CardVerbs.Escalate, caseId, version: 1, inputs: new JsonObject { [CardVerbs.EscalateReasonInputId] = "Check" });

        var stale = await _s.ClickAsync(_s.Megan, CardVerbs.Dismiss, caseId, version: 1, inputs: new JsonObject { [CardVerbs.DismissReasonInputId] = "dup" });
        Assert.Contains("This case changed since your card was shown.", stale["value"].Text());
        Assert.Equal("Escalated", await _s.StateAsync(caseId));
    }
}
