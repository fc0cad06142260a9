using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Where webhook mentions queue to be stored, together (<see cref="BatchedWrites{TItem, TResult}"/>): everything waiting, up to
/// <see cref="MaxBatch"/>, is stored with one <see cref="AcceptMentions"/>, and each caller gets its own mention's result
/// once its batch has committed; a batch that failed because the database is unreachable fails as a whole (each sender is
/// answered 503). The queue is bounded (<see cref="IntakeSettings.MaxQueued"/>): a mention beyond it, or arriving as the
/// bot stops, is turned away at once with <see cref="IntakeUnavailableException"/> (503), never left waiting.
/// </summary>
public sealed class MentionIntake : IAsyncDisposable
{
    public const int MaxBatch = 200;
    private const int Writers = 4;

    private readonly ILogger<MentionIntake> _log;
    private readonly BatchedWrites<Mention, IngestResult> _writes;

    public MentionIntake(IServiceScopeFactory scopes, IntakeSettings settings, ILogger<MentionIntake> log)
    {
        _log = log;
        _writes = new BatchedWrites<Mention, IngestResult>(MaxBatch, Writers, settings.MaxQueued, async batch =>
        {
            await using var scope = scopes.CreateAsyncScope();
            // Not any one caller's cancellation: the batch is every caller's, and a stored mention is kept either way.
            return await scope.ServiceProvider.GetRequiredService<AcceptMentions>().RunAsync(batch, CancellationToken.None);
        }, log, "mentions");
    }

    /// <summary>The mention's case once it is committed; the caller's cancellation stops its wait, not the storing.</summary>
    /// <exception cref="IntakeUnavailableException">Nothing was stored: the queue is full, or the bot is stopping.</exception>
    public async Task<IngestResult> AcceptAsync(Mention mention, CancellationToken ct)
    {
        if (!_writes.TryQueue(mention, out var stored))
        {
            if (_writes.Closed) throw new IntakeUnavailableException("the bot is stopping: send it again shortly");
            _log.LogWarning("Mention {ExternalId} turned away: the queue of mentions to store is full", mention.ExternalId);
            throw new IntakeUnavailableException("too many mentions are waiting to be stored: send it again shortly");
        }
        return await stored.WaitAsync(ct);
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}

/// <summary>A mention not taken to be stored (nothing of it was): the sender is answered 503 with Retry-After.</summary>
public sealed class IntakeUnavailableException(string reason) : TurnedAwayException(reason);
