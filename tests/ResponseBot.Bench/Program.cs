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
    var db = new Db(connectionString);
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

    // Approve: on call first (queues a card for every stored case), then approve cases one by one.
    (await TeamsUser.SendAsync(http, alex.Install())).EnsureSuccessStatusCode();
    (await TeamsUser.SendAsync(http, alex.Message("on call"))).EnsureSuccessStatusCode();
    var caseIds = await db.QueryAsync<long>("select id from cases order by id limit 500");
    var (approve, approveElapsed) = await RunAsync(caseIds.Count, 1, async i =>
    {
        var r = await TeamsUser.SendAsync(http, alex.Execute(CardVerbs.Approve, new JsonObject { [CardVerbs.CaseIdKey] = caseIds[i] }));
        r.EnsureSuccessStatusCode();
    });
    Report("approve invoke (sequential)", approve, approveElapsed);

    // Mention → card delivered, measured one at a time with the outbox otherwise idle.
    await Eventually.TrueAsync(async () => await db.CountAsync("outbox", "done_at is null and failed_at is null") == 0, "outbox drained", TimeSpan.FromMinutes(5));
    var toCard = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        var sw = Stopwatch.StartNew();
        var r = await SignedWebhook.PostAsync(http, SignedWebhook.Mention($"card-{i}", "hello"));
        var caseId = await SignedWebhook.CaseIdAsync(r);
        await Eventually.TrueAsync(async () => await db.CountAsync("case_cards", "case_id = @caseId", new { caseId }) == 1, "card posted", pollEvery: TimeSpan.FromMilliseconds(2));
        toCard.Add(sw.Elapsed.TotalMilliseconds);
    }
    Report("mention → card posted (20 ms poll)", toCard, TimeSpan.FromMilliseconds(toCard.Sum()));
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
