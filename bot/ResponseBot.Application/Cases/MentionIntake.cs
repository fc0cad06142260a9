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
/// a batch that failed because the database is unreachable fails as a whole at once (each sender is answered 503).
/// </summary>
public sealed class MentionIntake : IAsyncDisposable
{
    public const int MaxBatch = 200;
    private const int Writers = 4;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<MentionIntake> _log;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _writers;

    public MentionIntake(IServiceScopeFactory scopes, ILogger<MentionIntake> log)
    {
        _scopes = scopes;
        _log = log;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>The mention's case once it is committed; the caller's cancellation stops its wait, not the storing.</summary>
    public async Task<IngestResult> AcceptAsync(Mention mention, CancellationToken ct)
    {
        var pending = new Pending(mention, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("mentions are no longer being accepted: the bot is stopping");
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
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Pending(Mention Mention, TaskCompletionSource<IngestResult> Done);
}
