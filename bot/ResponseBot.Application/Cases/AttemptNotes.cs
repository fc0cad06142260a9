using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Where the notes of clicks that changed nothing (refused because the case had moved on, or what was typed was unusable)
/// queue to be written, together (<see cref="BatchedWrites{TItem, TResult}"/>): every note waiting goes in one insert and one
/// commit that doesn't wait for the disk (<see cref="IUnitOfWork.CommitAttemptsAsync"/>). A case many people press Approve
/// on at once, after it was approved, costs the database a statement and a commit per batch rather than per click. Each
/// click's answer still waits for its own note to commit.
/// </summary>
public sealed class AttemptNotes(IUnitOfWorkFactory db, ILogger<AttemptNotes> log) : IAsyncDisposable
{
    public const int MaxBatch = 200;

    // One: the next batch gathers while this one commits. A second writer took whatever arrived meanwhile at once, and the
    // batches came to half the size, each costing the database a statement and a commit.
    private readonly BatchedWrites<DecisionEntry, bool> _writes = new(MaxBatch, writers: 1, capacity: null, async notes =>
    {
        // Not any one caller's cancellation: the batch is every caller's.
        await using var uow = await db.BeginAsync(CancellationToken.None);
        await uow.CommitAttemptsAsync(notes, CancellationToken.None);
        return notes.Select(_ => true).ToList();
    }, log, "notes of refused clicks");

    /// <summary>Once the note is committed; the caller's cancellation stops its wait, not the writing.</summary>
    public Task WriteAsync(DecisionEntry note, CancellationToken ct)
    {
        if (_writes.TryQueue(note, out var written)) return written.WaitAsync(ct);
        // Only refused once the bot is stopping, when nothing is left to write it: the click fails, and Teams' retry (to any
        // instance) decides it again, since nothing recorded it as handled.
        log.LogWarning("The note of a click by {StaffId} refused on case {CaseId} ({Detail}) wasn't written: the bot is stopping", note.ActorId, note.CaseId, note.Detail);
        throw new OperationCanceledException("The bot is stopping: the note wasn't written.");
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
