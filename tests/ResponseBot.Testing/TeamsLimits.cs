namespace ResponseBot.Testing;

/// <summary>
/// Teams' documented throttling limits, as the service enforces them: per bot per conversation 7 sends in 1 s, 8 in 2 s,
/// 60 in 30 s and 1,800 in an hour, and 50 a second for the app. Calls are counted as they arrive; one that would go over
/// any limit is refused (and counted as a violation by the sender), as Teams answers 429.
/// </summary>
public sealed class TeamsLimits
{
    private static readonly (int Limit, TimeSpan Window)[] PerConversation =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];
    private static readonly (int Limit, TimeSpan Window) PerApp = (50, TimeSpan.FromSeconds(1));

    private readonly Dictionary<string, List<DateTimeOffset>> _arrivals = new();
    private readonly List<DateTimeOffset> _app = new();
    private readonly Lock _gate = new();
    private int _violations;

    /// <summary>Calls that would have gone over a limit (each answered 429).</summary>
    public int Violations => Volatile.Read(ref _violations);

    /// <summary>Records a call to <paramref name="conversationId"/> at <paramref name="at"/>; false if it goes over a limit.</summary>
    public bool TryAdmit(string conversationId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_arrivals.TryGetValue(conversationId, out var list)) _arrivals[conversationId] = list = new();
            if (PerConversation.Any(l => Within(list, at, l.Window) >= l.Limit) || Within(_app, at, PerApp.Window) >= PerApp.Limit)
            {
                _violations++;
                return false;
            }
            list.Add(at);
            _app.Add(at);
            if (_app.Count > 1000) _app.RemoveRange(0, _app.Count - 100);
            return true;
        }
    }

    /// <summary>Accepted calls in the window ending at <paramref name="at"/> (arrivals are in order).</summary>
    private static int Within(List<DateTimeOffset> arrivals, DateTimeOffset at, TimeSpan window)
    {
        var n = 0;
        for (var i = arrivals.Count - 1; i >= 0 && at - arrivals[i] < window; i--) n++;
        return n;
    }

    /// <summary>The most calls any conversation received in any window of <paramref name="window"/>: for checks after a run.</summary>
    public static int Busiest(IEnumerable<DateTimeOffset> arrivals, TimeSpan window)
    {
        var times = arrivals.Order().ToList();
        var best = 0;
        for (int i = 0, j = 0; j < times.Count; j++)
        {
            while (times[j] - times[i] >= window) i++;
            best = Math.Max(best, j - i + 1);
        }
        return best;
    }
}
