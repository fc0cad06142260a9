using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ResponseBot.Application;

/// <summary>
/// Items queued to be written together: a few writers each take everything waiting (up to a batch) and write it with one
/// call, so a flood costs a commit per batch rather than per item, and a quiet moment still writes each item the moment it
/// arrives. Each caller gets its own item's result once its batch has committed. A batch the database refuses is tried
/// again an item at a time, so one item it can't take fails alone; a batch that failed because the database is
/// unreachable fails as a whole at once.
/// </summary>
public sealed class BatchedWrites<TItem, TResult> : IAsyncDisposable
{
    private readonly int _maxBatch;
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _write;
    private readonly ILogger _log;
    private readonly string _what;
    private readonly Channel<Pending> _queue;
    private readonly Task[] _writers;
    private volatile bool _closed;

    /// <param name="capacity">How many items may wait at once (null: as many as come).</param>
    /// <param name="write">Writes a batch and commits it, answering each item's result in order.</param>
    /// <param name="what">What the items are, for the log: "mentions".</param>
    public BatchedWrites(int maxBatch, int writers, int? capacity, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, ILogger log, string what)
    {
        (_maxBatch, _write, _log, _what) = (maxBatch, write, log, what);
        _queue = capacity is { } most
            ? Channel.CreateBounded<Pending>(new BoundedChannelOptions(most) { SingleWriter = false, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<Pending>();
        // Not in the context of whichever caller happened to create this: the writers outlive it, and serve every caller.
        using (ExecutionContext.SuppressFlow())
            _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>Whether it takes nothing more (it is being disposed): why <see cref="TryQueue"/> refused, if it did.</summary>
    public bool Closed => _closed;

    /// <summary>Queues the item; false (nothing queued) when the queue is full or closed.</summary>
    public bool TryQueue(TItem item, out Task<TResult> written)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        written = pending.Done.Task;
        return _queue.Writer.TryWrite(pending);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            if (await TryWriteAsync(batch) || batch.Count == 1) continue;
            foreach (var one in batch) await TryWriteAsync([one]);
        }
    }

    private async Task<bool> TryWriteAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            var results = await _write(batch.Select(p => p.Item).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            return true;
        }
        catch (Exception ex) when (batch.Count == 1 || DatabaseErrors.Unreachable(ex))
        {
            foreach (var p in batch) p.Done.TrySetException(ex);
            return true;
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "A batch of {Count} {What} was refused; writing them one at a time", batch.Count, _what);
            return false;
        }
    }

    /// <summary>Takes nothing more, and returns once everything queued is written.</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);
}
