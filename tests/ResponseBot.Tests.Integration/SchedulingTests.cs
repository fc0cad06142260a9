using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>Quartz on the shared Postgres, clustered: each run fires once across instances and survives restarts.</summary>
public sealed class SchedulingTests(PostgresFixture pg)
{
    private static Dictionary<string, string?> Settings(string connectionString, string cron)
    {
        var s = BotHost.DefaultSettings(connectionString, new Uri("http://127.0.0.1:9/"));
        s["Jobs:Enabled"] = "true";
        s["Jobs:CoverageGapCheckCron"] = cron;
        s["Rota:Coordinators:0"] = "aad-coordinator";
        s["Rota:Layers:Primary:Participants:0"] = "aad-alex";   // no Secondary or Manager rotation: gaps to report
        return s;
    }

    [Fact]
    public async Task Two_instances_in_one_cluster_run_each_scheduled_check_exactly_once_and_warn_the_coordinator()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var settings = Settings(db.ConnectionString, "0/2 * * * * ?");
        await using var a = await BotHost.StartAsync(settings);
        await using var b = await BotHost.StartAsync(settings);

        await Eventually.TrueAsync(async () => await db.CountAsync("job_runs") >= 3, "three runs", TimeSpan.FromSeconds(20));
        await Task.Delay(1000);

        Assert.Equal(2, await db.CountAsync("qrtz_scheduler_state"));     // both instances joined the cluster
        var runs = await db.QueryAsync<(DateTime ScheduledFor, string Instance)>("select scheduled_for, instance from job_runs order by scheduled_for");
        Assert.Equal(runs.Count, runs.Select(r => r.ScheduledFor).Distinct().Count());
        Assert.All(runs.Zip(runs.Skip(1)), p => Assert.Equal(2, (p.Second.ScheduledFor - p.First.ScheduledFor).TotalSeconds, 0.001));
        // Quartz itself never handed one run to both: the guard table never had to turn one away.
        Assert.DoesNotContain(a.Logs.Lines.Concat(b.Logs.Lines), l => l.Contains("already ran on another instance"));

        var warnings = await db.QueryAsync<string>("select payload from outbox where kind = 'chat.text' and recipient = 'aad-coordinator'");
        Assert.InRange(warnings.Count, runs.Count - 1, runs.Count);   // the last run's warning may be mid-commit
        Assert.Contains("Secondary:", warnings[0]);
        Assert.Contains("nobody on call", warnings[0]);
    }

    [Fact]
    public async Task An_instance_joining_leaves_the_stored_schedule_as_it_is_and_a_changed_schedule_replaces_it()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var settings = Settings(db.ConnectionString, "0 0 8 * * ?");
        var triggers = new { cron = ResponseBot.Jobs.Scheduling.CoverageGapCheckJob.Name, every = ResponseBot.Jobs.Duty.EscalationJob.Name };
        // The cron trigger's expression and a mark on it that only rewriting it would clear (it doesn't fire meanwhile); the
        // simple trigger's interval (ms) and start time, which only declaring it again would move (its firing rewrites its row).
        async Task<(string Cron, string? Mark, long Interval, long Start)> StoredAsync() =>
            (await db.QueryAsync<(string, string?, long, long)>("""
                select c.cron_expression, ct.description, s.repeat_interval, st.start_time
                  from qrtz_cron_triggers c join qrtz_triggers ct using (sched_name, trigger_name, trigger_group),
                       qrtz_simple_triggers s join qrtz_triggers st using (sched_name, trigger_name, trigger_group)
                 where c.trigger_name = @cron and s.trigger_name = @every
                """, triggers)).Single();

        await using (var a = await BotHost.StartAsync(settings))
        {
            var stored = await StoredAsync();
            Assert.Equal(("0 0 8 * * ?", null, 30_000), (stored.Cron, stored.Mark, stored.Interval));
            Assert.Equal(1, await db.ScalarAsync<long>(
                "with marked as (update qrtz_triggers set description = 'stored by the first instance' where trigger_name = @cron returning 1) select count(*) from marked",
                triggers));
            await Task.Delay(50);                                           // a later start time, were the trigger declared again
            // The second instance finds the triggers the first may already hold for their next fire times, and leaves them be.
            await using var b = await BotHost.StartAsync(settings);
            Assert.Equal(stored with { Mark = "stored by the first instance" }, await StoredAsync());

            settings["Jobs:CoverageGapCheckCron"] = "0 30 8 * * ?";
            await using var changed = await BotHost.StartAsync(settings);
            Assert.Equal(stored with { Cron = "0 30 8 * * ?", Mark = null }, await StoredAsync());
        }
    }

    [Fact]
    public async Task A_run_that_fell_due_while_no_scheduler_was_up_fires_when_one_comes_back()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var settings = Settings(db.ConnectionString, "0/5 * * * * ?");
        var a = await BotHost.StartAsync(settings);
        await Eventually.TrueAsync(async () => await db.CountAsync("job_runs") >= 1, "first run", TimeSpan.FromSeconds(15));
        await a.DisposeAsync();
        var downSince = DateTimeOffset.UtcNow;
        var before = await db.CountAsync("job_runs");

        await Task.Delay(TimeSpan.FromSeconds(6));                          // at least one fire time passes with nobody up
        Assert.Equal(before, await db.CountAsync("job_runs"));
        var restarted = DateTimeOffset.UtcNow;
        await using var b = await BotHost.StartAsync(settings);

        await Eventually.TrueAsync(async () => await db.CountAsync("job_runs", "scheduled_for > @downSince and scheduled_for < @restarted", new { downSince, restarted }) == 1,
            "the missed run fired after the restart", TimeSpan.FromSeconds(20));
        var missed = (await db.QueryAsync<DateTime>("select started_at from job_runs where scheduled_for > @downSince and scheduled_for < @restarted", new { downSince, restarted })).Single();
        Assert.True(new DateTimeOffset(DateTime.SpecifyKind(missed, DateTimeKind.Utc)) >= restarted, "it ran after the restart, late rather than lost");
    }

    [Fact]
    public async Task The_morning_digest_tells_every_manager_what_came_in_once_per_run()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var settings = Settings(db.ConnectionString, "0 0 8 * * ?");
        settings["Jobs:MorningDigestCron"] = "0/2 * * * * ?";
        settings["Roles:Managers:0"] = "aad-megan";
        settings["Rota:Layers:Manager:Participants:0"] = "aad-mia";
        await using var a = await BotHost.StartAsync(settings);
        await using var b = await BotHost.StartAsync(settings);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await SignedWebhook.PostAsync(a.Http, SignedWebhook.Mention("digest-1", "Is the tip open?"))).StatusCode);

        // A run may fire before the mention lands; the next covers it (on a loaded machine Quartz can fall well behind a
        // two-second cron, hence the long waits). Runs cover disjoint spans, so the mention is
        // reported exactly once to each manager, and a later run (starting where that one ended) reports nothing new.
        const string Reported = "- 1 mention received: 0 replied, 0 dismissed, 1 still open.";
        // The digest is a card; its text (the card's fallbackText) is the digest as hosts without cards show it.
        async Task<List<(long Id, string Recipient, string Payload)>> DigestsAsync() =>
            (await db.QueryAsync<(long Id, string Recipient, string Payload)>("select id, recipient, payload from outbox where kind = 'chat.card' order by id"))
            .Select(d => (d.Id, d.Recipient, Payload: System.Text.Json.Nodes.JsonNode.Parse(d.Payload)!["Card"]!["fallbackText"]?.GetValue<string>() ?? ""))
            .Where(d => d.Payload.StartsWith("Out-of-hours report")).ToList();
        await Eventually.TrueAsync(async () => (await DigestsAsync()).Count(d => d.Payload.Contains(Reported)) == 2, "the mention reported", TimeSpan.FromSeconds(60));
        var reported = (await DigestsAsync()).Where(d => d.Payload.Contains(Reported)).ToList();
        Assert.Equal(["aad-megan", "aad-mia"], reported.Select(d => d.Recipient).Order());
        await Eventually.TrueAsync(async () => (await DigestsAsync()).Any(d => d.Id > reported.Max(r => r.Id) && d.Payload.EndsWith("no mentions came in.")),
            "the next digest starts where that one ended", TimeSpan.FromSeconds(60));
        Assert.Equal(2, (await DigestsAsync()).Count(d => d.Payload.Contains(Reported)));
        var runs = await db.QueryAsync<DateTime>("select scheduled_for from job_runs where job = 'morning-digest'");
        Assert.Equal(runs.Count, runs.Distinct().Count());
    }
}
