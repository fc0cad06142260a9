using ResponseBot.Platforms.Generic;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>The automatic holding reply: posted through the outbox when nobody can answer, with the real next-cover time.</summary>
public sealed class HoldingReplyTests(PostgresFixture pg)
{
    private static Task<Scenario> StartAsync(PostgresFixture pg, ManualTime time, string mode, bool primaryRotation) => Scenario.StartAsync(pg, s =>
    {
        s[$"Accounts:{BotHost.AccountId}:HoldingReply"] = mode;
        s["Rota:Layers:Manager:Participants:0"] = "aad-mia";
        if (!primaryRotation) return;                              // else nobody in the primary layer: a gap every night
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
        s["Rota:Layers:Primary:ShiftDays"] = "1";
    }, time);

    [Fact]
    public async Task In_a_gap_in_cover_the_public_gets_one_holding_reply_with_the_next_cover_time_and_the_emergency_advice()
    {
        // Tuesday 24 November, 22:00, nobody on the primary rota: the office opening is the next cover.
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));
        await using var s = await StartAsync(pg, time, "Gaps", primaryRotation: false);
        var caseId = await s.MentionAsync("hold-1", "My bin wasn't collected today", handle: "resident42");

        await Eventually.TrueAsync(() => s.Receiver.Received.Count == 1, "holding reply posted");
        var reply = s.Receiver.Received.Single();
        Assert.Equal("Hi @resident42, thanks for your message. Our team isn't available right now; we'll pick this up from 09:00 on Wednesday 25 November. " +
            "If someone is in danger or a crime is happening now, call 999. For non-emergencies, call 101.", reply.Text);
        Assert.Equal(GenericWebhookPublisher.IdempotencyKey(caseId, "holding", reply.Text), reply.IdempotencyKey);
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("decision_log", "case_id = @caseId and action = 'holding_reply_sent'", new { caseId }) == 1, "logged");
        Assert.Equal("New", await s.StateAsync(caseId));                  // still waiting for a person

        // The same mention again (a webhook retry) is the same case: no second holding reply.
        var repeat = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention("hold-1", "My bin wasn't collected today"), timestamp: time.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal(System.Net.HttpStatusCode.OK, repeat.StatusCode);
        // Once someone is on call, new mentions go to them with no holding reply.
        await s.GoOnCallAsync(s.Alex);
        var answered = await s.MentionAsync("hold-2", "And the recycling?");
        await s.CardPostedToAsync(s.Alex, answered);
        await Task.Delay(500);
        Assert.Single(s.Receiver.Received);

        // The real reply still goes out later, under its own idempotency key.
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => s.Receiver.Received.Count == 2, "the real reply");
        Assert.Equal(GenericWebhookPublisher.IdempotencyKey(caseId, "reply", s.Receiver.Received.Last().Text), s.Receiver.Received.Last().IdempotencyKey);
    }

    [Fact]
    public async Task No_holding_reply_goes_to_political_media_or_abusive_mentions_nor_twice_to_one_author_in_a_day_nor_in_a_pre_election_period()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));
        await using var s = await StartAsync(pg, time, "Gaps", primaryRotation: false);
        await s.MentionAsync("q-1", "Will the councillors vote for the new budget?", handle: "voter");      // political
        await s.MentionAsync("q-2", "I'm a journalist at the Gazette, can you comment?", handle: "reporter"); // media
        await s.MentionAsync("q-3", "You useless bastards", handle: "angry");                                // abuse
        await s.MentionAsync("q-4", "My bin wasn't collected", handle: "resident42");
        await s.MentionAsync("q-5", "Still waiting about the bin", handle: "resident42");                     // same author, same night
        await Eventually.TrueAsync(() => s.Receiver.Received.Count >= 1, "the one holding reply");
        await Task.Delay(700);
        var only = Assert.Single(s.Receiver.Received);
        Assert.StartsWith("Hi @resident42,", only.Text);

        time.Advance(TimeSpan.FromHours(25));                                                                  // a day later: told again
        await s.MentionAsync("q-6", "Bin still not collected", handle: "resident42");
        await Eventually.TrueAsync(() => s.Receiver.Received.Count == 2, "a second holding reply the next day");
    }

    [Fact]
    public async Task In_a_pre_election_period_only_the_neutral_holding_reply_goes_out_and_without_one_none_does()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));
        await using (var quiet = await Scenario.StartAsync(pg, s =>
        {
            s[$"Accounts:{BotHost.AccountId}:HoldingReply"] = "Gaps";
            s["Policy:PreElectionFrom"] = "2026-11-01";
            s["Policy:PreElectionTo"] = "2026-12-10";
        }, time))
        {
            await quiet.MentionAsync("pe-1", "My bin wasn't collected");
            await Task.Delay(800);
            Assert.Empty(quiet.Receiver.Received);
        }
        await using var neutral = await Scenario.StartAsync(pg, s =>
        {
            s[$"Accounts:{BotHost.AccountId}:HoldingReply"] = "Gaps";
            s["Policy:PreElectionFrom"] = "2026-11-01";
            s["Policy:PreElectionTo"] = "2026-12-10";
            s["Policy:PreElectionHoldingReply"] = "Hi {author}, thank you. We will reply from {next_cover}. In an emergency call 999.";
        }, time);
        await neutral.MentionAsync("pe-2", "My bin wasn't collected");
        await Eventually.TrueAsync(() => neutral.Receiver.Received.Count == 1, "the neutral holding reply");
        Assert.Equal("Hi @resident42, thank you. We will reply from 09:00 on Wednesday 25 November. In an emergency call 999.", neutral.Receiver.Received.Single().Text);
    }

    [Fact]
    public async Task An_emergency_goes_to_the_primary_the_secondary_and_the_manager_on_duty_at_once_with_its_own_short_timer()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero), flows: true);
        await using var s = await Scenario.StartAsync(pg, c =>
        {
            c["Rota:Layers:Primary:Participants:0"] = "aad-alex";
            c["Rota:Layers:Secondary:Participants:0"] = "aad-megan";
            c["Rota:Layers:Manager:Participants:0"] = "aad-adele";
        }, time);
        var adele = new TeamsUser("aad-adele", "Adele Vance", "29:adele", s.Connector.ServiceUrl);
        foreach (var u in new[] { s.Alex, s.Megan, adele }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        var routine = await s.MentionAsync("e-0", "When is the tip open?");
        var emergency = await s.MentionAsync("e-1", "There's a fire in the flat above mine, help me");
        foreach (var u in new[] { s.Alex, s.Megan, adele }) await s.CardPostedToAsync(u, emergency);
        await s.CardPostedToAsync(s.Alex, routine);
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "case_id = @routine and staff_id <> 'aad-alex'", new { routine }));
        var due = await s.Db.ScalarAsync<DateTime>("select due_at from escalations where case_id = @emergency and kind = 'Acknowledge'", new { emergency });
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddMinutes(5), due.ToUniversalTime(), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Out_of_hours_mode_answers_every_night_mention_and_office_hours_get_none()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));   // Wednesday noon: office hours
        await using var s = await StartAsync(pg, time, "OutOfHours", primaryRotation: true);
        await s.MentionAsync("hold-3", "Is the library open?");
        await Task.Delay(700);
        Assert.Empty(s.Receiver.Received);

        time.Advance(TimeSpan.FromHours(8));                               // 20:00, Alex's night: on call, still a holding reply
        Assert.Equal(0, await s.Db.CountAsync("outbox", "kind = 'reply.holding'"));
        await s.MentionAsync("hold-4", "Is the library open tomorrow?");
        await Eventually.TrueAsync(() => s.Receiver.Received.Count == 1, "holding reply");
        Assert.Contains("we'll pick this up from 09:00 on Thursday 26 November", s.Receiver.Received.Single().Text);
    }
}
