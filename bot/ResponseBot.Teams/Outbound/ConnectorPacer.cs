using System.Threading.RateLimiting;

namespace ResponseBot.Teams.Outbound;

/// <summary>
/// Paces our calls to Teams' documented limits — per conversation 7 a second and 1,800 an hour, and
/// 50 a second for the app in its tenant — by queueing, not failing. Sliding windows are set a segment
/// longer than the limit's period, so no period-long span ever holds more than the limit.
/// Per instance: several instances share the tenant budget between them (see README).
/// </summary>
public sealed class ConnectorPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConnectorPacer(int perConversationPerSecond = 7, int perConversationPerHour = 1800, int perAppPerSecond = 50)
    {
        _limiter = PartitionedRateLimiter.CreateChained(
            Sliding(perConversationPerSecond, TimeSpan.FromSeconds(1), key => key),
            Sliding(perConversationPerHour, TimeSpan.FromHours(1), key => key),
            Sliding(perAppPerSecond, TimeSpan.FromSeconds(1), _ => "app"));
    }

    /// <summary>Waits until a call to <paramref name="conversationId"/> (or a create, with null) may go out.</summary>
    public async ValueTask WaitAsync(string? conversationId, CancellationToken ct)
    {
        using var lease = await _limiter.AcquireAsync(conversationId ?? "(create)", 1, ct);
        if (!lease.IsAcquired) throw new InvalidOperationException("connector pacing queue is full");
    }

    private static PartitionedRateLimiter<string> Sliding(int limit, TimeSpan period, Func<string, string> partition)
    {
        const int segments = 10;
        var segment = period / segments;
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(partition(key), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = period + segment,
            SegmentsPerWindow = segments + 1,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    }

    public void Dispose() => _limiter.Dispose();
}
