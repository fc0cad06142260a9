using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Shift start and end from the rota, with the Quartz job running on two instances of one cluster and a clock
/// the test moves: each handover is announced once, and open cases travel with it.
/// </summary>
public sealed class ShiftChangeTests(PostgresFixture pg)
{
    // Monday 23 November 2026, 16:50 in London: the office is about to close.
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 23, 16, 50, 0, TimeSpan.Zero), flows: true);

    private static void Rota(Dictionary<string, string?> s)
    {
        s["Jobs:Enabled"] = "true";
        s["Jobs:ShiftChangeInterval"] = "00:00:00.300";
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";
        s["Rota:Layers:Primary:Participants:1"] = "aad-megan";
        s["Rota:Layers:Primary:StartDate"] = "2026-11-23";
        s["Rota:Layers:Primary:ShiftDays"] = "1";
        s["Policy:AcknowledgeWithin"] = "1.00:00:00";   // no escalations in the way of the handovers
    }

    [Fact]
    public async Task Each_shift_starts_with_a_handover_of_open_cases_and_ends_with_a_note_once_across_two_instances()
    {
        await using var s = await Scenario.StartAsync(pg, Rota, _time);
        var settings = BotHost.DefaultSettings(s.Db.ConnectionString, s.Receiver.Url);
        Rota(settings);
        await using var second = await BotHost.StartAsync(settings, clock: _time);
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        var caseId = await s.MentionAsync("shift-1", "Bins not collected on Mill Lane");
        await Task.Delay(1000);
        Assert.Equal("New", await s.StateAsync(caseId));                  // office hours: kept, nobody paged

        _time.Advance(TimeSpan.FromMinutes(11));                           // 17:01: Alex's night begins
        await s.CardPostedToAsync(s.Alex, caseId);
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t == "Your shift has started: you're on call until Tue 24 Nov 09:00. There is 1 open case; their cards are on their way."),
            "Alex's shift start");
        // The case waited through office hours without using up its escalation rounds; Alex now gets the full time.
        var timer = await s.Db.QueryAsync<(int Step, DateTime DueAt, DateTime? ClosedAt)>("select step, due_at, closed_at from escalations where case_id = @caseId", new { caseId });
        Assert.Equal(0, timer.Single().Step);
        Assert.Null(timer.Single().ClosedAt);
        Assert.True(timer.Single().DueAt > new DateTime(2026, 11, 23, 17, 0, 0), "timer restarted at the handover");

        await Eventually.TrueAsync(async () => await s.Db.CountAsync("outbox", "done_at is null and failed_at is null") == 0, "outbox settled");
        _time.Advance(TimeSpan.FromHours(16));                             // Tuesday 09:01: the office takes over
        await Eventually.TrueAsync(() => s.TextsTo(s.Alex).Any(t => t.StartsWith("Your primary shift has ended. Nobody is on call in this layer now; 1 open case will wait")),
            "Alex's shift end");

        // Let the sends finish before moving the clock: a jump of hours would make a message still being sent look abandoned
        // (its lease long past) to the other instance, which a real clock never does.
        await Eventually.TrueAsync(async () => await s.Db.CountAsync("outbox", "done_at is null and failed_at is null") == 0, "outbox settled");
        _time.Advance(TimeSpan.FromHours(8));                              // Tuesday 17:01: Megan's night, with the case
        await s.CardPostedToAsync(s.Megan, caseId);
        await Eventually.TrueAsync(() => s.TextsTo(s.Megan).Any(t => t.StartsWith("Your shift has started: you're on call until Wed 25 Nov 09:00.")), "Megan's shift start");
        await Task.Delay(1500);                                             // several more polls on both instances

        Assert.Equal(3, await s.Db.CountAsync("decision_log", "action = 'shift_changed'"));
        Assert.Single(s.TextsTo(s.Alex), t => t.StartsWith("Your shift has started"));
        Assert.Single(s.TextsTo(s.Alex), t => t.StartsWith("Your primary shift has ended"));
        Assert.Single(s.TextsTo(s.Megan), t => t.StartsWith("Your shift has started"));
    }

    [Fact]
    public async Task On_call_said_in_office_hours_lasts_until_the_rota_takes_over_then_the_rota_holder_is_told()
    {
        await using var s = await Scenario.StartAsync(pg, Rota, _time);
        foreach (var u in new[] { s.Alex, s.Megan }) (await s.SendAsync(u.Install())).EnsureSuccessStatusCode();

        await s.GoOnCallAsync(s.Megan);                                    // Megan covers the end of the afternoon
        Assert.Contains(s.TextsTo(s.Megan), t => t.StartsWith("You're on call now until Mon 23 Nov 17:00, when the rota takes over again."));
        var caseId = await s.MentionAsync("shift-2", "Is the tip open tomorrow?");
        await s.CardPostedToAsync(s.Megan, caseId);

        _time.Advance(TimeSpan.FromMinutes(11));                           // 17:01: her takeover is over; Alex's night
        await s.CardPostedToAsync(s.Alex, caseId);
        await Eventually.TrueAsync(() => s.TextsTo(s.Megan).Any(t => t == "Your primary shift has ended; Alex Wilber has taken over with 1 open case."), "Megan told");
        var next = await s.MentionAsync("shift-3", "And the library?");
        await s.CardPostedToAsync(s.Alex, next);
        Assert.Equal(0, await s.Db.CountAsync("case_cards", "case_id = @next and staff_id = 'aad-megan'", new { next }));
    }
}
