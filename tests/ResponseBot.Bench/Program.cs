using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Testing;

// Measures the hot paths on this machine, against a real PostgreSQL and the real host on loopback:
//   1. signed webhook ingest (202 only after commit), at several concurrencies;
//   2. the Approve invoke (decision + log + outbox in one transaction, refreshed card in the response);
//   3. mention → card posted (through the outbox to a fake Bot Connector).
// Usage: dotnet run -c Release --project tests/ResponseBot.Bench -- [mentions=2000]
var total = args.Length > 0 ? int.Parse(args[0]) : 2000;

var pg = new PostgresFixture();
await pg.InitializeAsync();
try
{
    var connectionString = await pg.NewDatabaseAsync();
    await using var connector = await FakeConnector.StartAsync();
    await using var receiver = await FakeReplyReceiver.StartAsync(BotHost.Secret);
    var settings = BotHost.DefaultSettings(connectionString, receiver.Url);
    settings["Logging:LogLevel:ResponseBot"] = "Warning";
    settings["Outbox:PollInterval"] = "00:00:00.020";
    await using var bot = await BotHost.StartAsync(settings);
    var alex = new TeamsUser("aad-alex", "Alex Wilber", "29:alex", connector.ServiceUrl);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = bot.BaseUrl };

    Console.WriteLine($"ResponseBot bench — {Environment.ProcessorCount} cores, PostgreSQL 15 (fsync off), loopback");
    await SignedWebhook.PostAsync(http, SignedWebhook.Mention("warmup", "warm-up")); // JIT, pools

    foreach (var concurrency in new[] { 1, 8, 32 })
    {
        var n = concurrency == 1 ? Math.Min(total, 500) : total;
        var (latencies, elapsed) = await RunAsync(n, concurrency, async i =>
        {
            var r = await SignedWebhook.PostAsync(http, SignedWebhook.Mention($"c{concurrency}-{i}", $"Mention number {i}"));
            if (r.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"ingest answered {r.StatusCode}");
        });
        Report($"webhook ingest, concurrency {concurrency,2}", latencies, elapsed);
    }

    // Delivery and approval on a fresh database: 200 mentions wait with nobody on call, then Alex takes
    // over, which queues 200 cards to one conversation (the pacing figure); then single mentions
    // through an idle outbox; then Alex approves every case.
    var db2 = new Db(await pg.NewDatabaseAsync());
    var settings2 = new Dictionary<string, string?>(settings)
    {
        ["ConnectionStrings:ResponseBot"] = PostgresFixture.AsApp(db2.ConnectionString), ["ConnectionStrings:Owner"] = PostgresFixture.AsOwner(db2.ConnectionString),
    };
    await using var bot2 = await BotHost.StartAsync(settings2);
    using var http2 = new HttpClient { BaseAddress = bot2.BaseUrl };
    (await TeamsUser.SendAsync(http2, alex.Install())).EnsureSuccessStatusCode();
    for (var i = 0; i < 200; i++) await SignedWebhook.PostAsync(http2, SignedWebhook.Mention($"a-{i}", $"Mention {i}"));
    var drain = Stopwatch.StartNew();
    (await TeamsUser.SendAsync(http2, alex.Message("on call"))).EnsureSuccessStatusCode();
    await Eventually.TrueAsync(async () => await db2.CountAsync("case_cards") == 200, "backlog delivered", TimeSpan.FromMinutes(5));
    var sends = connector.Attempts.Count(a => a.ConversationId == alex.ConversationId);
    Console.WriteLine($"{"backlog of 200 cards to one person",-38} n={sends,5}  {sends / drain.Elapsed.TotalSeconds,7:F1}/s  (Teams allows 7/s per conversation)");
    await Eventually.TrueAsync(async () => await db2.CountAsync("outbox", "done_at is null and failed_at is null") == 0, "outbox idle", TimeSpan.FromMinutes(1));

    var toCard = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        await Task.Delay(300); // one at a time, inside the per-conversation budget
        var sw = Stopwatch.StartNew();
        var r = await SignedWebhook.PostAsync(http2, SignedWebhook.Mention($"card-{i}", "hello"));
        var caseId = await SignedWebhook.CaseIdAsync(r);
        await Eventually.TrueAsync(async () => await db2.CountAsync("case_cards", "case_id = @caseId", new { caseId }) == 1, "card posted", pollEvery: TimeSpan.FromMilliseconds(2));
        toCard.Add(sw.Elapsed.TotalMilliseconds);
    }
    Report("mention → card posted (20 ms poll)", toCard, TimeSpan.FromMilliseconds(toCard.Sum()));

    var caseIds = await db2.QueryAsync<long>("select id from cases order by id");
    var (approve, approveElapsed) = await RunAsync(caseIds.Count, 1, async i =>
    {
        var r = await TeamsUser.SendAsync(http2, alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseIds[i] }));
        r.EnsureSuccessStatusCode();
    });
    Report("approve invoke (sequential)", approve, approveElapsed);
}
finally
{
    await pg.DisposeAsync();
}

static async Task<(List<double> Latencies, TimeSpan Elapsed)> RunAsync(int count, int concurrency, Func<int, Task> op)
{
    var latencies = new double[count];
    var next = -1;
    var sw = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var t = Stopwatch.StartNew();
            await op(i);
            latencies[i] = t.Elapsed.TotalMilliseconds;
        }
    }));
    return (latencies.ToList(), sw.Elapsed);
}

static void Report(string what, List<double> latencies, TimeSpan elapsed)
{
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine($"{what,-38} n={latencies.Count,5}  {latencies.Count / elapsed.TotalSeconds,7:F0}/s  p50={P(0.50),6:F1} ms  p95={P(0.95),6:F1} ms  p99={P(0.99),6:F1} ms  max={latencies[^1],6:F1} ms");
}
