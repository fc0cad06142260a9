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
/// <param name="maxWaiting">How many notes may wait to be written at once (<see cref="MaxWaiting"/>).</param>
public sealed class AttemptNotes(IUnitOfWorkFactory db, ILogger<AttemptNotes> log, int maxWaiting = AttemptNotes.MaxWaiting) : IAsyncDisposable
{
    public const int MaxBatch = 200;

    /// <summary>
    /// A click waiting for its note has given its turn at the gate up (ActivityTurn), so the gate no longer limits it: this
    /// does. Five full batches, which the writer commits in a few milliseconds when the database keeps up; a queue this long
    /// means it doesn't, and a click beyond it is turned away (503) rather than left waiting past Teams' patience.
    /// </summary>
    public const int MaxWaiting = 1000;

    // One: the next batch gathers while this one commits. A second writer took whatever arrived meanwhile at once, and the
    // batches came to half the size, each costing the database a statement and a commit.
    private readonly BatchedWrites<DecisionEntry, bool> _writes = new(MaxBatch, writers: 1, capacity: maxWaiting, async notes =>
    {
        // Not any one caller's cancellation: the batch is every caller's.
        await using var uow = await db.BeginAsync(CancellationToken.None);
        await uow.CommitAttemptsAsync(notes, CancellationToken.None);
        return notes.Select(_ => true).ToList();
    }, log, "notes of refused clicks");

    /// <summary>Once the note is committed; the caller's cancellation stops its wait, not the writing.</summary>
    /// <exception cref="TurnedAwayException">Nothing was written: too many notes are waiting, or the bot is stopping.</exception>
    public Task WriteAsync(DecisionEntry note, CancellationToken ct)
    {
        if (_writes.TryQueue(note, out var written)) return written.WaitAsync(ct);
        // The click fails (503), and Teams' retry (to any instance) decides it again, since nothing recorded it as handled.
        if (_writes.Closed)
        {
            log.LogWarning("The note of a click by {StaffId} refused on case {CaseId} ({Detail}) wasn't written: the bot is stopping", note.ActorId, note.CaseId, note.Detail);
            throw new TurnedAwayException("the bot is stopping: send it again shortly");
        }
        log.LogWarning("The note of a click by {StaffId} refused on case {CaseId} ({Detail}) wasn't written: {Waiting} notes are already waiting",
            note.ActorId, note.CaseId, note.Detail, maxWaiting);
        throw new TurnedAwayException("too many clicks are waiting to be noted: send it again shortly");
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();
}
