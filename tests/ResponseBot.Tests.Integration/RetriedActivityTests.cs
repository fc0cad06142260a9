using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Teams retries an activity it got no answer to in time: whatever the first attempt did is not done again, and what
/// it didn't do (a click that changed nothing) is decided again.</summary>
public sealed class RetriedActivityTests(PostgresFixture pg) : ScenarioTest(pg)
{
    // Action.Submit (clients without Universal Actions) arrives as a message carrying the card's data, and is answered in chat.
    private static JsonObject Submit(TeamsUser user, string verb, JsonObject? data = null)
    {
        var a = user.Message("");
        var value = data?.DeepClone().AsObject() ?? new JsonObject();
        value["verb"] = verb;
        a["value"] = value;
        return a;
    }

    [Fact]
    public async Task A_retried_Action_Submit_posts_its_card_once()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        var press = Submit(_s.Alex, CardVerbs.RotaWeek);
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();   // the same activity id again
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "kind = 'chat.card' and recipient = 'aad-alex' and payload like '%Out-of-hours rota%'"));
    }

    [Fact]
    public async Task A_retried_Action_Submit_refusal_is_said_once()
    {
        (await _s.SendAsync(_s.Megan.Install())).EnsureSuccessStatusCode();
        var caseId = await _s.MentionAsync("retry-1", "Is the tip open?");
        var press = Submit(_s.Megan, CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId });
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "kind = 'chat.text' and recipient = 'aad-megan' and payload like '%not the officer on call%'"));
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'refused' and actor_id = 'aad-megan'"));
    }

    [Fact]
    public async Task An_Action_Submit_refused_for_a_stale_card_commits_its_note_with_its_record_as_handled()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("retry-5", "Is the tip open?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        var press = Submit(_s.Alex, CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.VersionKey] = 99 });
        (await _s.SendAsync(press)).EnsureSuccessStatusCode();

        // One transaction: a retry never finds the click handled while its note is missing.
        Assert.Equal(1, await _s.Db.ScalarAsync<long>("""
            select count(*) from decision_log d join inbound_activities a on a.xmin = d.xmin
             where d.action = 'refused' and d.reason = 'StaleCard' and d.case_id = @caseId and a.activity_key = @key
            """, new { caseId, key = $"{press["conversation"]!["id"]}|{press["id"]}" }));
    }

    [Fact]
    public async Task A_button_a_card_of_ours_never_carries_is_answered_in_chat_when_the_card_stays()
    {
        (await _s.SendAsync(_s.Alex.Install())).EnsureSuccessStatusCode();
        (await _s.SendAsync(Submit(_s.Alex, "rota.nonsense"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await _s.Db.CountAsync("outbox", "kind = 'chat.text' and recipient = 'aad-alex' and payload like '%isn''t recognised%'"));
    }

    private static string Key(JsonObject activity) => $"{activity["conversation"]!["id"]}|{activity["id"]}";

    private async Task<JsonObject> PressAsync(JsonObject click)
    {
        var response = await _s.SendAsync(click);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_card_click_is_recorded_as_handled_only_when_it_acts_and_a_retry_of_one_that_acted_acts_no_more()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("retry-2", "Is the tip open?");
        await _s.CardPostedToAsync(_s.Alex, caseId);

        // A press on a card the case has moved on from changes nothing: not recorded, and its retry is refused again.
        var stale = _s.Alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.VersionKey] = 99 });
        await PressAsync(stale);
        await PressAsync(stale);
        Assert.Equal(0, await _s.Db.CountAsync("inbound_activities", "activity_key = @key", new { key = Key(stale) }));
        Assert.Equal(2, await _s.Db.CountAsync("decision_log", "action = 'refused' and reason = 'StaleCard' and case_id = @caseId", new { caseId }));
        Assert.Equal("Notified", await _s.StateAsync(caseId));

        // One that acts is recorded with what it did, and its retry is answered with the card as it now is.
        var approve = _s.Alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.VersionKey] = 1 });
        await PressAsync(approve);
        Assert.Equal(1, await _s.Db.CountAsync("inbound_activities", "activity_key = @key", new { key = Key(approve) }));
        Assert.Contains("Approved by Alex Wilber", (await PressAsync(approve))["value"].Text());
        Assert.Equal(1, await _s.Db.CountAsync("decision_log", "action = 'approved'"));
        Assert.Equal(2, await _s.Db.CountAsync("decision_log", "action = 'refused'"));
    }

    [Fact]
    public async Task A_retry_that_read_the_case_before_its_first_attempt_committed_is_answered_as_a_repeat_without_acting()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("retry-3", "Is the tip open?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        var approve = _s.Alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.VersionKey] = 1 });

        // The first attempt holds the case while the retry reads it; the retry waits for the lock to act...
        await using var first = new NpgsqlConnection(_s.Db.ConnectionString);
        await first.OpenAsync();
        await using var tx = await first.BeginTransactionAsync();
        await first.ExecuteAsync("select 1 from cases where id = @caseId for update", new { caseId }, tx);
        var retry = PressAsync(approve);
        await Eventually.TrueAsync(async () => await _s.Db.CountAsync("pg_stat_activity",
            "datname = current_database() and wait_event_type = 'Lock' and query like '%from cases where id = % for no key update%'") > 0,
            "the retry waiting for the case");
        // ...and the first attempt commits, recorded as handled (what it did is beside the point here).
        await first.ExecuteAsync("insert into inbound_activities (activity_key, received_at) values (@key, now())", new { key = Key(approve) }, tx);
        await tx.CommitAsync();

        var answer = await retry;
        Assert.Contains($"Case #{caseId} ", answer["value"].Text());
        Assert.Equal("Notified", await _s.StateAsync(caseId));
        Assert.Equal(0, await _s.Db.CountAsync("decision_log", "actor_id = 'aad-alex' and case_id = @caseId", new { caseId }));
    }

    [Fact]
    public async Task A_retry_whose_first_attempt_commits_while_it_reads_is_answered_as_a_repeat_not_refused()
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync("retry-4", "Is the tip open?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        var approve = _s.Alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseId, [CardVerbs.VersionKey] = 1 });

        // The first attempt holds Alex's row (Alex's name changed in Teams, so each attempt saves it), so the retry's reads wait
        // for it part-way...
        await _s.Db.ScalarAsync<int>("update staff set staff_name = 'Alex W' where staff_id = 'aad-alex' returning 1");
        await using var first = new NpgsqlConnection(_s.Db.ConnectionString);
        await first.OpenAsync();
        await using var tx = await first.BeginTransactionAsync();
        await first.ExecuteAsync("select 1 from staff where staff_id = 'aad-alex' for update", transaction: tx);
        var retry = PressAsync(approve);
        await Eventually.TrueAsync(async () => await _s.Db.CountAsync("pg_stat_activity",
            "datname = current_database() and wait_event_type = 'Lock' and query like '%insert into staff%'") > 0, "the retry waiting for Alex's row");
        // ...and commits what it did: the case moved on, the activity handled.
        await first.ExecuteAsync("update cases set version = version + 1 where id = @caseId", new { caseId }, tx);
        await first.ExecuteAsync("insert into inbound_activities (activity_key, received_at) values (@key, now())", new { key = Key(approve) }, tx);
        await tx.CommitAsync();

        // The retry reads the case as the first attempt left it: it is the repeat, not a press on a card out of date.
        Assert.DoesNotContain("changed since", (await retry)["value"].Text());
        Assert.Equal(0, await _s.Db.CountAsync("decision_log", "actor_id = 'aad-alex' and case_id = @caseId", new { caseId }));
    }
}
