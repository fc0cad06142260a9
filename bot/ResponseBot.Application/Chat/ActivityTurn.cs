namespace ResponseBot.Application.Chat;

/// <summary>
/// The place the activity being handled holds among those handled at once (the edge's gate), if it holds one. An activity
/// left waiting only for work others do for it (a refused click's note, written in one batch with other clicks') gives its
/// place up: the next activity starts while the batch gathers and commits, instead of queueing behind a click that does
/// nothing more in the database itself, and the batch grows to as many clicks as are waiting. Ambient, as the place is
/// the edge's and not part of what a use case is asked to do.
/// </summary>
public static class ActivityTurn
{
    private static readonly AsyncLocal<Place?> Current = new();

    /// <summary>Holds <paramref name="place"/> for the activity handled from here on; the place is released once, by <see cref="GiveUp"/> or disposing the result.</summary>
    public static IDisposable Hold(IDisposable place)
    {
        var held = new Place(place);
        Current.Value = held;
        return held;
    }

    /// <summary>Gives up the current activity's place, if it holds one; what it still waits for is done by others.</summary>
    public static void GiveUp() => Current.Value?.Dispose();

    private sealed class Place(IDisposable place) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) place.Dispose();
        }
    }
}
