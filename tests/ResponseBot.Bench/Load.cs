using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ResponseBot.Testing;

namespace ResponseBot.Bench;

/// <summary>Latencies of one run, in ms, and its throughput.</summary>
public sealed record Run(int Count, TimeSpan Elapsed, double P50, double P90, double P99, double Max)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    public static Run Of(IReadOnlyCollection<double> latencies, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Run(sorted.Length, elapsed, P(0.50), P(0.90), P(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public JsonObject ToJson() => new()
    {
        ["n"] = Count, ["seconds"] = Math.Round(Elapsed.TotalSeconds, 2), ["per_s"] = Math.Round(PerSecond, 1),
        ["p50_ms"] = Math.Round(P50, 2), ["p90_ms"] = Math.Round(P90, 2), ["p99_ms"] = Math.Round(P99, 2), ["max_ms"] = Math.Round(Max, 2),
    };

    public override string ToString() => $"n={Count} {PerSecond:F0}/s p50={P50:F1} ms p90={P90:F1} ms p99={P99:F1} ms max={Max:F1} ms";
}

public static class Load
{
    public static HttpClient Client(Uri baseUrl) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task MentionAsync(HttpClient http, string id)
    {
        var r = await SignedWebhook.PostAsync(http, SignedWebhook.Mention(id, Texts.Unlike(id), handle: Resident(id)));
        if (r.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"ingest answered {(int)r.StatusCode}");
    }

    // Residents of a busy night: many people, some writing more than once (a thread of their own).
    public static string Resident(string mentionId) => $"resident{(uint)mentionId.GetHashCode() % 2000}";

    /// <summary>Waits until the router has routed every stored case.</summary>
    public static Task RoutedAsync(Db db) =>
        Eventually.TrueAsync(async () => await db.CountAsync("cases", "routed_at is null") == 0, "every case routed", TimeSpan.FromMinutes(10));

    /// <summary><paramref name="concurrency"/> callers, each sending its next request as soon as the last is answered.</summary>
    public static async Task<Run> ClosedLoopAsync(TimeSpan duration, int concurrency, Func<int, Task> op)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (sw.Elapsed < duration)
            {
                var t = Stopwatch.GetTimestamp();
                await op(Interlocked.Increment(ref next));
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        return Run.Of(latencies, sw.Elapsed);
    }

    private static IEnumerable<(long CaseId, DateTimeOffset At)> CardsTo(FakeConnector connector, TeamsUser user) =>
        connector.CaseCards().Where(c => c.Call.Method == "POST" && c.Call.ConversationId == user.ConversationId)
            .Select(c => (c.Card["actions"]![0]!["data"]!["caseId"]!.GetValue<long>(), c.Call.At));

    /// <summary>A team channel's conversation id, as Teams names one.</summary>
    public static string Channel(int area) => $"19:area{area}@thread.tacv2";

    /// <summary>The bot added to <paramref name="channel"/> (a team's channel), as Teams tells it, by <paramref name="user"/>.</summary>
    public static JsonObject InstallIn(TeamsUser user, string channel)
    {
        var activity = user.Install();
        activity["conversation"] = new JsonObject { ["id"] = channel, ["conversationType"] = "channel", ["tenantId"] = "tenant-1" };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = $"team-{channel}", ["name"] = $"Team {channel}" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "General" },
        };
        return activity;
    }

    /// <summary>
    /// Mentions at <paramref name="perSecond"/> for <paramref name="duration"/>, every eighth of the first 96 of each hundred naming one of
    /// <paramref name="areas"/> areas in turn (a triage rule routes it to that area's channel) and the rest none (nobody is
    /// on call, so they wait unrouted to anyone); for each carded one, the time from sending it to its card arriving at the
    /// connector. The first <paramref name="uncounted"/> are the instance compiling the route from mention to card.
    /// </summary>
    public static async Task<(Run Cards, double MentionsPerSecond)> MentionsToAreasAsync(HttpClient http, FakeConnector connector, int areas, int perSecond, TimeSpan duration, TimeSpan uncounted)
    {
        var sent = new ConcurrentDictionary<long, (DateTimeOffset At, string Channel)>();
        var sw = Stopwatch.StartNew();
        var sends = new List<Task>();
        var total = (int)(duration.TotalSeconds * perSecond);
        for (int i = 0, carded = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (sw.Elapsed < due) await Task.Delay(due - sw.Elapsed);
            int? area = i % 100 % 8 == 0 && i % 100 < 96 ? carded++ % areas : null;
            var counted = due >= uncounted;
            sends.Add(Task.Run(async () =>
            {
                var at = DateTimeOffset.UtcNow;
                var id = $"area-{Guid.NewGuid():N}";
                // Each from one of 2,000 residents, as in ingest: one author's mentions join one conversation.
                var r = await SignedWebhook.PostAsync(http, SignedWebhook.Mention(id, Texts.Unlike(id) + (area is { } a ? $" area{a}" : ""), handle: Resident(id)));
                var caseId = await SignedWebhook.CaseIdAsync(r);
                if (area is { } k && counted) sent[caseId] = (at, Channel(k));
            }));
        }
        await Task.WhenAll(sends);
        var elapsed = sw.Elapsed;
        IEnumerable<(long CaseId, DateTimeOffset At)> Cards() =>
            connector.CaseCards().Where(c => c.Call.Method == "POST").Select(c => (Id: c.Card["actions"]![0]!["data"]!["caseId"]!.GetValue<long>(), c.Call))
                .Where(c => sent.TryGetValue(c.Id, out var s) && s.Channel == c.Call.ConversationId).Select(c => (c.Id, c.Call.At));
        await Eventually.TrueAsync(() => Cards().Select(c => c.CaseId).Distinct().Count() >= sent.Count, "every area's card posted", TimeSpan.FromMinutes(2));
        var latencies = Cards().GroupBy(c => c.CaseId).Select(g => (g.Min(c => c.At) - sent[g.Key].At).TotalMilliseconds).ToList();
        return (Run.Of(latencies, elapsed), total / elapsed.TotalSeconds);
    }

    /// <summary>Many mentions at once for one person: how Teams' budget paces them, and that none goes over it.</summary>
    public static async Task<JsonObject> BurstAsync(HttpClient http, FakeConnector connector, TeamsUser user, int count)
    {
        var sw = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            await SignedWebhook.CaseIdAsync(await SignedWebhook.PostAsync(http, SignedWebhook.Mention($"burst-{i}", Texts.Unlike($"burst-{i}"))))));
        var sent = sw.Elapsed;
        await Eventually.TrueAsync(() => CardsTo(connector, user).Count(c => ids.Contains(c.CaseId)) >= count, "the burst's cards posted", TimeSpan.FromMinutes(3));
        var arrivals = connector.Calls.Where(c => c.ConversationId == user.ConversationId).Select(c => c.At).ToList();
        return new JsonObject
        {
            ["mentions"] = count, ["sent_in_s"] = Math.Round(sent.TotalSeconds, 2), ["all_cards_posted_in_s"] = Math.Round(sw.Elapsed.TotalSeconds, 2),
            ["most_sends_to_one_conversation_in_1s"] = TeamsLimits.Busiest(arrivals, TimeSpan.FromSeconds(1)),
            ["most_in_2s"] = TeamsLimits.Busiest(arrivals, TimeSpan.FromSeconds(2)),
            ["most_in_30s"] = TeamsLimits.Busiest(arrivals, TimeSpan.FromSeconds(30)),
        };
    }
}

/// <summary>Mention texts unlike one another (so none gathers into a storm), in the words residents use.</summary>
public static class Texts
{
    private static readonly string[] Words =
        ("bins library pothole parking permit tax school meals leisure centre streetlight graffiti noise allotment cemetery market " +
         "licence flytipping playground recycling garden waste planning footpath shelter hedge drain bridge roadworks pavement " +
         "bench fountain toilets museum theatre swimming pool gym nursery housing repair damp mould heating boiler lift stairs " +
         "fence gate tree leaves gritting snow ice market stall taxi bus train cycle lane crossing lights")
        .Split(' ');

    public static string Unlike(string seed)
    {
        var random = new Random(seed.GetHashCode());
        return string.Join(' ', Enumerable.Range(0, 12).Select(_ => Words[random.Next(Words.Length)])) + "?";
    }
}
