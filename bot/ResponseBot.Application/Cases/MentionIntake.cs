using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Where webhook mentions queue to be stored: a few writers each take everything waiting (up to <see cref="MaxBatch"/>) and
/// store it with one <see cref="AcceptMentions"/>, so a flood costs a commit per batch rather than per mention, and a
/// quiet night still stores each mention the moment it arrives. Each caller gets its own mention's result once its batch
/// has committed. A batch the database refuses is tried again a mention at a time, so one mention it can't take fails alone;
/// a batch that failed because the database is unreachable fails as a whole at once (each sender is answered 503). The
/// queue is bounded (<see cref="IntakeSettings.MaxQueued"/>): a mention beyond it, or arriving as the bot stops, is turned
/// away at once with <see cref="IntakeUnavailableException"/> (503), never left waiting.
/// </summary>
public sealed class MentionIntake : IAsyncDisposable
{
    public const int MaxBatch = 200;
    private const int Writers = 4;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<MentionIntake> _log;
    private readonly Channel<Pending> _queue;
    private readonly Task[] _writers;
    private volatile bool _stopping;

    public MentionIntake(IServiceScopeFactory scopes, IntakeSettings settings, ILogger<MentionIntake> log)
    {
        _scopes = scopes;
        _log = log;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(settings.MaxQueued) { SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>The mention's case once it is committed; the caller's cancellation stops its wait, not the storing.</summary>
    /// <exception cref="IntakeUnavailableException">Nothing was stored: the queue is full, or the bot is stopping.</exception>
    public async Task<IngestResult> AcceptAsync(Mention mention, CancellationToken ct)
    {
        var pending = new Pending(mention, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            if (_stopping) throw new IntakeUnavailableException("the bot is stopping: send it again shortly");
            _log.LogWarning("Mention {ExternalId} turned away: the queue of mentions to store is full", mention.ExternalId);
            throw new IntakeUnavailableException("too many mentions are waiting to be stored: send it again shortly");
        }
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            if (await TryStoreAsync(batch) || batch.Count == 1) continue;
            foreach (var one in batch) await TryStoreAsync([one]);
        }
    }

    private async Task<bool> TryStoreAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            // Not any one caller's cancellation: the batch is every caller's, and a stored mention is kept either way.
            var results = await scope.ServiceProvider.GetRequiredService<AcceptMentions>().RunAsync(batch.Select(p => p.Mention).ToList(), CancellationToken.None);
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
            _log.LogWarning(ex, "A batch of {Count} mentions was refused; storing them one at a time", batch.Count);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Pending(Mention Mention, TaskCompletionSource<IngestResult> Done);
}

/// <summary>A mention not taken to be stored (nothing of it was): the sender is answered 503 with Retry-After.</summary>
public sealed class IntakeUnavailableException(string reason) : Exception(reason);
