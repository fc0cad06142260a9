using NodaTime;
using ResponseBot.Domain.Audit;

namespace ResponseBot.Application.Ports;

/// <summary>A head of the decision chain as a nightly check found it.</summary>
public sealed record AuditCheckpoint(Instant CheckedAt, long Rows, long? HeadSeq, byte[]? HeadHash);

/// <summary>Reads the decision log's chain and keeps the nightly checks' findings.</summary>
public interface IAuditRepository
{
    /// <summary>Every sealed row in chain order, streamed (one consistent snapshot).</summary>
    IAsyncEnumerable<ChainRow> ChainAsync(CancellationToken ct);

    /// <summary>
    /// Gives up to <paramref name="max"/> committed rows waiting for a place in the chain theirs, oldest first, and returns
    /// how many; -1 when another sealer is at work (unless <paramref name="wait"/>, when it waits its turn).
    /// </summary>
    Task<int> SealPendingAsync(int max, bool wait, CancellationToken ct);

    Task<byte[]?> HashAtAsync(long seq, CancellationToken ct);

    /// <summary>The latest check that found the chain whole.</summary>
    Task<AuditCheckpoint?> LastGoodCheckpointAsync(CancellationToken ct);

    /// <summary>Records a check; the head stored is the database's own, whatever <paramref name="checkpoint"/> says.</summary>
    Task AddCheckpointAsync(AuditCheckpoint checkpoint, ChainBreak? broken, CancellationToken ct);
}
