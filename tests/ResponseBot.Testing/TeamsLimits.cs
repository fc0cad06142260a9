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
    private readonly List<string> _refusals = new();

    /// <summary>Calls that would have gone over a limit (each answered 429).</summary>
    public int Violations { get { lock (_gate) return _refusals.Count; } }

    /// <summary>What each refused call would have gone over, and the accepted calls it would have joined: for a failing check.</summary>
    public string Refusals { get { lock (_gate) return string.Join('\n', _refusals); } }

    /// <summary>Records a call to <paramref name="conversationId"/> at <paramref name="at"/>; false if it goes over a limit.</summary>
    public bool TryAdmit(string conversationId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_arrivals.TryGetValue(conversationId, out var list)) _arrivals[conversationId] = list = new();
            var limits = PerConversation.Select(l => (l.Limit, l.Window, Arrivals: list)).Append((PerApp.Limit, PerApp.Window, Arrivals: _app));
            if (limits.FirstOrDefault(l => Within(l.Arrivals, at, l.Window) >= l.Limit) is { Arrivals: not null } over)
            {
                var earlier = over.Arrivals.Where(a => at - a < over.Window).Select(a => $"-{(at - a).TotalMilliseconds:0}");
                _refusals.Add($"{conversationId} at {at:HH:mm:ss.fff}: over {over.Limit} in {over.Window.TotalSeconds:0} s (accepted ms before: {string.Join(' ', earlier)})");
                return false;
            }
            InsertInOrder(list, at);
            InsertInOrder(_app, at);
            if (_app.Count > 1000) _app.RemoveRange(0, _app.Count - 100);
            return true;
        }
    }

    // Stamped as they arrive, admitted a moment later: two calls close together may be admitted out of order.
    private static void InsertInOrder(List<DateTimeOffset> arrivals, DateTimeOffset at)
    {
        var i = arrivals.Count;
        while (i > 0 && arrivals[i - 1] > at) i--;
        arrivals.Insert(i, at);
    }

    /// <summary>Accepted calls in the window ending at <paramref name="at"/> (arrivals are in order; any a moment after it count too).</summary>
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
