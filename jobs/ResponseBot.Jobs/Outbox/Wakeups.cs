using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox;

/// <summary>
/// What the database's notifications wake on this instance: each outbox pool's workers and the router. The listener is
/// the outbox dispatcher's; a signal nobody knows wakes the Teams pool, as before there were others.
/// </summary>
public sealed class Wakeups
{
    private readonly Dictionary<string, Wakeup> _signals = new()
    {
        [OutboxLanes.ChatPool] = new(), [OutboxLanes.OtherPool] = new(), [OutboxLanes.RouterSignal] = new(),
    };

    /// <summary>Completes at the next <see cref="Set"/> of <paramref name="signal"/> after this call.</summary>
    public Task Next(string signal) => _signals[signal].Next;

    public void Set(string signal) => (_signals.GetValueOrDefault(signal) ?? _signals[OutboxLanes.ChatPool]).Set();

    /// <summary>Anything committed while nobody was listening: everyone looks now rather than at their next poll.</summary>
    public void SetAll()
    {
        foreach (var w in _signals.Values) w.Set();
    }

    /// <summary>A signal that wakes whoever took <see cref="Next"/> before it was set.</summary>
    private sealed class Wakeup
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Set() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
