using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Bench;
using ResponseBot.Cards;
using ResponseBot.Testing;

// The benchmark behind ./bench.sh: the real host as its own process pinned to core 0, a real PostgreSQL with fsync on,
// a Bot Connector stand-in that enforces Teams' limits (429 like Teams), and this load generator (with the harness's wrk)
// on core 1. Phases: signed-webhook ingest; mention → card posted; card clicks side by side with Microsoft 365 Agents
// SDK's bare echo (the peer harness); peak memory; Teams-limit violations. Writes bench-results.json and .md.
// Usage: ResponseBot.Bench --peer DIR --out DIR [--quick] [--only ingest|cards]
var options = BenchOptions.Parse(args);
if (OperatingSystem.IsLinux() && Environment.ProcessorCount != 1)
    throw new InvalidOperationException("Run this through ./bench.sh, which starts it on core 1 alone (taskset -c 1).");
// This load generator runs on core 1 (bench.sh starts it there), and PostgreSQL beside it: the host is started on core 0
// and has it to itself, as the peer harness's servers do (it pins them and wrk itself). In production the database is
// a server of its own; sharing the host's core, its backends preempt the host's threads and the clicks' p99 triples.
await using var cluster = await PostgresCluster.StartAsync(durable: true, cpus: "1");
var results = new JsonObject
{
    ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
    ["machine"] = Machine.Describe(),
    ["commit"] = Machine.Commit(),
    ["postgres"] = "PostgreSQL 15, fsync on, synchronous_commit on, same machine, over its Unix socket",
    ["pinning"] = "host on core 0; load generator, wrk and PostgreSQL on core 1",
};

await cluster.ExecuteAsync($"create role {PostgresFixture.OwnerRole} login; create role {PostgresFixture.AppRole} login");
await using var connector = await FakeConnector.StartAsync();
connector.Limits = new TeamsLimits();
await using var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
var peakRss = 0.0;

async Task<HostProcess> HostAsync(string database, bool scheduler = false, IReadOnlyDictionary<string, string>? more = null)
{
    await cluster.ExecuteAsync($"create database {database} owner {PostgresFixture.OwnerRole}");
    // On the database's machine, the bot connects over its Unix socket, as an installation there would.
    var settings = BotHost.DefaultSettings(cluster.SocketConnectionString(database), receiver.Url);
    // Production's pool: the tests' closes idle connections after 10 s (a finished test's pool would keep them), which here
    // closed the connections a round had spare and had the next burst open new ones, each a server process to start.
    settings["ConnectionStrings:ResponseBot"] += ";Maximum Pool Size=100;Connection Idle Lifetime=300;Connection Pruning Interval=10";
    settings["Logging:LogLevel:Default"] = "Warning";
    settings["Logging:LogLevel:ResponseBot"] = "Warning";
    settings["Outbox:PollInterval"] = "00:00:00.250";
    settings["Bot:MaxPacingWait"] = "00:00:02"; // production's, not the tests'
    settings["Outbox:FirstRetryDelay"] = "00:00:02";
    if (scheduler) settings["Jobs:Enabled"] = "true";
    foreach (var (key, value) in more ?? new Dictionary<string, string>()) settings[key] = value;
    return await HostProcess.StartAsync(settings, cpus: "0");
}

// 1. Ingest: signed mentions, acknowledged (202) only once committed, sent by wrk. Nobody is on call, so the figure is the
// acknowledgement path itself (dedupe, case, decision log, routing) and not Teams' pacing.
// Senders at once, each sending its next mention when the last is acknowledged; the target's p99.
int[] ingestConcurrencies = [8, 16, 24, 32];
const double ingestP99Ms = 50;
if (options.Only is null or "ingest")
await using (var ingest = await HostAsync("ingest"))
{
    using var http = Load.Client(ingest.BaseUrl);
    // Long enough for tiered compilation to finish on the host's one core (its compiler thread is busy for about 45 s of
    // load): the figures are an instance's steady state, not its first minute.
    Console.WriteLine("ingest: warming up");
    await Load.ClosedLoopAsync(TimeSpan.FromSeconds(options.Quick ? 5 : 45), 32, i => Load.MentionAsync(http, $"warm-{i}"));
    var db = new Db(cluster.ConnectionString("ingest"));
    await Load.RoutedAsync(db);
    foreach (var concurrency in ingestConcurrencies)
    {
        // Acknowledged once stored; the router routes just after: how long until the last of the run's mentions is routed.
        var started = Stopwatch.StartNew();
        var cpuBefore = CpuTime.Read();
        var run = await WrkIngest.RunAsync(ingest.BaseUrl, TimeSpan.FromSeconds(options.Quick ? 5 : 20), concurrency, $"c{concurrency}");
        var backlog = await db.CountAsync("cases", "routed_at is null");
        // Every acknowledgement a case of its own (those still in flight as wrk stopped may be stored too, unanswered).
        var stored = await db.CountAsync("cases", $"external_id like 'c{concurrency}-%'");
        if (stored < run.Count || stored > run.Count + concurrency)
            throw new InvalidOperationException($"{run.Count} mentions acknowledged at c={concurrency}, but {stored} cases stored");
        await Load.RoutedAsync(db);
        var cpu = CpuTime.Read().PerEventSince(cpuBefore, run.Count); // acknowledged and routed
        var routed = new JsonObject { ["backlog_at_end"] = backlog, ["all_routed_after_s"] = Math.Round(started.Elapsed.TotalSeconds, 2),
            ["routed_per_s"] = Math.Round(run.Count / started.Elapsed.TotalSeconds, 1) };
        Console.WriteLine($"ingest c={concurrency}: {run}; routed {routed.ToJsonString()}");
        results[$"ingest_c{concurrency}"] = run.ToJson();
        results[$"ingest_c{concurrency}"]!["routing"] = routed;
        results[$"ingest_c{concurrency}"]!["cpu_us"] = cpu;
    }
    // The target is a rate with a p99 at once: the most sustained by a run within the p99 (or, if none is, the most of any).
    var runs = ingestConcurrencies.Select(c => (Concurrency: c, Run: results[$"ingest_c{c}"]!)).ToList();
    var best = runs.Where(r => (double)r.Run["p99_ms"]! <= ingestP99Ms).DefaultIfEmpty(runs.MaxBy(r => (double)r.Run["per_s"]!))
        .MaxBy(r => (double)r.Run["per_s"]!);
    results["ingest_concurrency"] = best.Concurrency;
    results["ingest_mentions_per_s"] = best.Run["per_s"]!.DeepClone();
    results["ingest_ack_p99_ms"] = best.Run["p99_ms"]!.DeepClone();
    peakRss = Math.Max(peakRss, ingest.PeakRssMb());
}
if (options.Only is null)
{
    // The flood leaves the server work to do (vacuuming its hundreds of thousands of rows, a checkpoint of its writes) that
    // would land on the next phase's clicks and cards: its database goes, and what it wrote is flushed, first.
    await cluster.ExecuteAsync("drop database ingest with (force)");
    await cluster.ExecuteAsync("checkpoint");
}

// 2. Mention → card posted, on a database of its own. Ten areas, each with its team's channel: a triage rule routes a
// mention naming an area to that area's channel.
const int areas = 10;
var areaRules = Enumerable.Range(0, areas).SelectMany(a => new[]
{
    KeyValuePair.Create($"Triage:Rules:area{a}:Words:0", $"area{a}"),
    KeyValuePair.Create($"Triage:Rules:area{a}:Route", $"channel:{Load.Channel(a)}"),
}).ToDictionary();
if (options.Only is null or "cards")
{
    await using (var bot = await HostAsync("areas", more: areaRules))
    {
        using var http = Load.Client(bot.BaseUrl);
        var megan = new TeamsUser("aad-megan", "Megan Bowen", "29:megan", connector.ServiceUrl);
        for (var a = 0; a < areas; a++) (await TeamsUser.SendAsync(http, Load.InstallIn(megan, Load.Channel(a)))).EnsureSuccessStatusCode();
        await Task.Delay(2000);
        // 100 mentions a second, 12 of them for the ten areas' channels: 1.2 a second each, inside what the bot lets one
        // conversation take for long (Teams' 60 in 30 s, counted by the pacer over 39 s: 1.5 a second). Nobody is on call, so
        // the other 88 wait for whoever comes on duty. The first 10 s aren't counted: they are the new instance compiling the
        // route from mention to card.
        var (cards, mentionsPerSecond) = await Load.MentionsToAreasAsync(http, connector, areas, perSecond: 100, duration: TimeSpan.FromSeconds(options.Quick ? 15 : 40),
            uncounted: TimeSpan.FromSeconds(10));
        Console.WriteLine($"mention → card: n={cards.Count} p50={cards.P50:F1} ms p99={cards.P99:F1} ms, {mentionsPerSecond:F0} mentions/s sent");
        results["card_latency_p50_ms"] = cards.P50;
        results["card_latency_p99_ms"] = cards.P99;
        // n is the cards timed; the rate is the mentions sent, not those cards over the run's time.
        var latency = cards.ToJson();
        latency.Remove("per_s");
        latency["mentions_per_s"] = Math.Round(mentionsPerSecond, 1);
        results["card_latency"] = latency;
        peakRss = Math.Max(peakRss, bot.PeakRssMb());
    }
    // Dropped, with its thousands of cases waiting for someone on duty: the clicks below have a database of their own, and
    // this one's pages and autovacuum would only compete with it for the disk and the cache.
    await cluster.ExecuteAsync("drop database areas with (force)");
    await cluster.ExecuteAsync("checkpoint");
}

// 3. Clicks, on a fresh database with Alex on call.
if (options.Only is null or "cards")
await using (var bot = await HostAsync("cards"))
{
    using var http = Load.Client(bot.BaseUrl);
    var alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", connector.ServiceUrl);
    (await TeamsUser.SendAsync(http, alex.Install())).EnsureSuccessStatusCode();
    (await TeamsUser.SendAsync(http, alex.Message("on call"))).EnsureSuccessStatusCode();
    await Task.Delay(2000);

    // A burst far over Teams' budget for one conversation: paced, not refused.
    var burst = await Load.BurstAsync(http, connector, alex, count: options.Quick ? 20 : 40);
    Console.WriteLine($"burst: {burst}");
    results["burst"] = burst;

    // Clicks: the case.refresh read path, with the peer and the ASP.NET minimal ceiling in the same run, then Approve.
    var caseId = await SignedWebhook.CaseIdAsync(await SignedWebhook.PostAsync(http, SignedWebhook.Mention("click-case", "Bins not collected on Elm Road")));
    var refresh = await Peer.RunAsync(options, "refresh", ClickBody(alex, CardVerbs.Refresh, caseId), bot.BaseUrl, builtIns: true);
    var cardsDb = new Db(cluster.ConnectionString("cards"));
    var (cpuBefore, clicksBefore) = (CpuTime.Read(), await cardsDb.CountAsync("decision_log", "action = 'refused'"));
    var approve = await Peer.RunAsync(options, "approve", ClickBody(alex, CardVerbs.Approve, caseId), bot.BaseUrl, builtIns: false);
    // What each Approve cost in CPU, the host's and the database's, whatever the machine's speed at the time: each is noted
    // (refused, as the harness sends one body), warm-ups included.
    var refused = await cardsDb.CountAsync("decision_log", "action = 'refused'") - clicksBefore;
    results["click_approve_cpu_us"] = CpuTime.Read().PerEventSince(cpuBefore, refused);
    results["click_refresh"] = refresh.ToJson();
    results["click_approve"] = approve.ToJson();
    results["click_per_s"] = Math.Min(refresh.Rps("responsebot"), approve.Rps("responsebot"));
    results["click_p99_ms"] = Math.Max(refresh.P99("responsebot"), approve.P99("responsebot"));
    results["peer_echo_per_s"] = refresh.Rps("agents-sdk-js");
    results["peer_echo_p99_ms"] = refresh.P99("agents-sdk-js");
    results["ceiling_per_s"] = refresh.Rps("aspnet-min");
    peakRss = Math.Max(peakRss, bot.PeakRssMb());
    var stop = await bot.StopAsync();
    results["sigterm_stop_s"] = Math.Round(stop.TotalSeconds, 2);
}

// 4. Asked to stop while the database is down, with the scheduler running: the host still ends within 10 s.
if (options.Only is null)
await using (var stopping = await HostAsync("stopping", scheduler: true))
{
    await Task.Delay(3000); // the scheduler settled in
    await cluster.StopAsync();
    var stop = await stopping.StopAsync(TimeSpan.FromSeconds(60));
    results["sigterm_db_down_stop_s"] = Math.Round(stop.TotalSeconds, 2);
    Console.WriteLine($"SIGTERM with the database down: {stop.TotalSeconds:0.0} s");
}

results["peak_rss_mb"] = Math.Round(peakRss, 1);
results["teams_limit_violations"] = connector.Limits.Violations;
if (options.Only is not null) { Console.WriteLine(results.ToJsonString(new JsonSerializerOptions { WriteIndented = true })); return 0; }
Report.Write(options.Out, results);
return 0;

static string ClickBody(TeamsUser user, string verb, long caseId)
{
    var a = user.Execute(verb, new JsonObject { [CardVerbs.CaseIdKey] = caseId });
    a["id"] = "__ID__"; // the harness gives every request a fresh id, so none is answered as a repeat
    a.Remove("replyToId"); // absent, not null: the SDK's schema refuses a null
    return a.ToJsonString();
}
