namespace ResponseBot.Application.Ports;

/// <summary>Word from the database that messages were committed to the outbox, by any instance.</summary>
public interface IOutboxNotifications
{
    /// <summary>
    /// Listens until <paramref name="ct"/> is cancelled or the connection fails (it throws then), calling
    /// <paramref name="committed"/> with the pool of each commit; <paramref name="listening"/> once it is listening, so the
    /// caller can look for anything committed while it wasn't.
    /// </summary>
    Task ListenAsync(Action<string> committed, Action listening, CancellationToken ct);
}
