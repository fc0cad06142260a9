using System.Diagnostics;

namespace ResponseBot.Testing;

/// <summary>
/// A clock the test moves by hand. With <paramref name="flows"/> it also runs at real speed between moves, which
/// the Quartz scheduler needs (it reads the same clock, and a stopped one never reaches the next fire time).
/// </summary>
public sealed class ManualTime(DateTimeOffset start, bool flows = false) : TimeProvider
{
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private long _advancedTicks;

    public override DateTimeOffset GetUtcNow() =>
        start + TimeSpan.FromTicks(Interlocked.Read(ref _advancedTicks)) + (flows ? _running.Elapsed : TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _advancedTicks, by.Ticks);
}
