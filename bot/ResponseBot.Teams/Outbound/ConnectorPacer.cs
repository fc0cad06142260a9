using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace ResponseBot.Teams.Outbound;

/// <summary>
/// Paces our calls to Teams' documented limits — per conversation 7 a second and 1,800 an hour, and
/// 50 a second for the app in its tenant — by queueing, not failing. Sliding windows are set three segments
/// (30%) longer than the limit's period: Teams counts calls as they arrive, and a call held up between its permit and
/// the wire (a busy machine) must not land in the same second as the next window's calls.
/// Per instance: several instances share the tenant budget between them (see README).
/// </summary>
public sealed class ConnectorPacer : IDisposable
{
    private const int Segments = 10;
    private const int Margin = 3;
    private static readonly TimeSpan IdleAfter = TimeSpan.FromHours(2);

    private readonly int _perSecond;
    private readonly int _perHour;
    private readonly SlidingWindowRateLimiter _app;
    // Our own partitions: PartitionedRateLimiter.Create's queue handling paced measurably below the
    // limit (about 5/s against 7/s); plain limiters hit it exactly.
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new();
    private long _nextSweepTicks;

    private sealed class Conversation(SlidingWindowRateLimiter second, SlidingWindowRateLimiter hour)
    {
        public SlidingWindowRateLimiter Second { get; } = second;
        public SlidingWindowRateLimiter Hour { get; } = hour;
        public long LastUsedTicks;
    }

    public ConnectorPacer(int perConversationPerSecond = 7, int perConversationPerHour = 1800, int perAppPerSecond = 50)
    {
        (_perSecond, _perHour) = (perConversationPerSecond, perConversationPerHour);
        _app = Sliding(perAppPerSecond, TimeSpan.FromSeconds(1));
    }

    /// <summary>Waits until a call to <paramref name="conversationId"/> (or a create, with null) may go out.</summary>
    public async ValueTask WaitAsync(string? conversationId, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var c = _conversations.GetOrAdd(conversationId ?? "(create)",
            _ => new Conversation(Sliding(_perSecond, TimeSpan.FromSeconds(1)), Sliding(_perHour, TimeSpan.FromHours(1))));
        Interlocked.Exchange(ref c.LastUsedTicks, now);
        foreach (var limiter in new[] { c.Second, c.Hour, _app })
        {
            using var lease = await limiter.AcquireAsync(1, ct);
            if (!lease.IsAcquired) throw new InvalidOperationException("connector pacing queue is full");
        }
        SweepIdle(now);
    }

    /// <summary>Forgets conversations unused for two hours (their hourly window has fully passed).</summary>
    private void SweepIdle(long now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextSweepTicks, now + 60_000, next) != next) return;
        foreach (var (key, c) in _conversations)
            if (now - Interlocked.Read(ref c.LastUsedTicks) > IdleAfter.TotalMilliseconds && _conversations.TryRemove(key, out _))
            {
                c.Second.Dispose();
                c.Hour.Dispose();
            }
    }

    private static SlidingWindowRateLimiter Sliding(int limit, TimeSpan period) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = limit,
        Window = period + Margin * period / Segments,
        SegmentsPerWindow = Segments + Margin,
        QueueLimit = 100_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public void Dispose()
    {
        foreach (var c in _conversations.Values) { c.Second.Dispose(); c.Hour.Dispose(); }
        _app.Dispose();
    }
}
