namespace ResponseBot.Testing;

/// <summary>
/// A fake platform's slow accepts: the next <see cref="Count"/> writes are stored at once but answered only after
/// <see cref="By"/> — the platform took it, and the client gave up waiting before it heard so.
/// </summary>
public sealed class LateAnswers
{
    private int _left;

    public int Count { get => _left; set => _left = value; }
    public TimeSpan By { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Called after the write is stored: waits when this one is to be answered late.</summary>
    public async Task AfterStoredAsync()
    {
        if (Interlocked.Decrement(ref _left) >= 0) await Task.Delay(By);
        else Interlocked.Exchange(ref _left, 0);
    }
}
