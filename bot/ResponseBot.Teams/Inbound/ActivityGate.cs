using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ResponseBot.Teams.Inbound;

/// <summary>
/// How many activities are handled at once; the rest wait their turn, oldest first, and beyond a queue's worth are turned
/// away (503, Retry-After) before anything of them is done. Each activity being handled holds a database connection for its
/// unit of work, and a database serves a burst of clicks fastest a few at a time: every further statement in flight costs
/// each of the others CPU (more backends to scan for snapshots and locks, more switching), so sixteen clicks at once
/// finish later than the same sixteen taken six at a time. Background work (the outbox, the router, jobs) is not held
/// here: it has its own bounded workers, and what it waits for is never an activity's turn.
/// </summary>
public sealed class ActivityGate(IOptions<BotOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentActivities,
        QueueLimit = options.Value.MaxQueuedActivities,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>
    /// A turn: handle the activity only if <see cref="RateLimitLease.IsAcquired"/>, and dispose it when done. Once the gate is
    /// disposed (the host stopping) no turn is given: the activity is turned away like one beyond the queue, to be sent again.
    /// </summary>
    public async ValueTask<RateLimitLease> WaitTurnAsync(CancellationToken ct)
    {
        try
        {
            return await _limiter.AcquireAsync(1, ct);
        }
        catch (ObjectDisposedException)
        {
            return Stopped.Lease;
        }
    }

    /// <summary>Handled now, and waiting for a turn (none of either once the gate is disposed).</summary>
    public (int Handling, long Waiting) Load
    {
        get
        {
            try
            {
                return _limiter.GetStatistics() is { } s ? (options.Value.MaxConcurrentActivities - (int)s.CurrentAvailablePermits, s.CurrentQueuedCount) : (0, 0);
            }
            catch (ObjectDisposedException)
            {
                return (0, 0);
            }
        }
    }

    /// <summary>The turn refused by a gate that is stopping.</summary>
    private sealed class Stopped : RateLimitLease
    {
        public static readonly Stopped Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
