namespace ResponseBot.Application.Ports;

/// <summary>One limit on sends: at most <paramref name="Limit"/> in any <paramref name="Window"/>, counted under <paramref name="Key"/>.</summary>
public sealed record SendLimit(string Key, int Limit, TimeSpan Window);

/// <summary>
/// Send budgets shared by every instance of the deployment (kept in the database), so a limit set by a platform holds for
/// the app as a whole, not per instance.
/// </summary>
public interface ISendBudget
{
    /// <summary>
    /// Reserves the earliest moment within <paramref name="maxWait"/> at which one more send fits every limit, and returns
    /// how long to wait for it (zero: now). Null when none fits that soon: nothing is reserved, and
    /// <paramref name="retryAfter"/> says when one might.
    /// </summary>
    Task<(TimeSpan? Wait, TimeSpan RetryAfter)> ReserveAsync(IReadOnlyList<SendLimit> limits, TimeSpan maxWait, CancellationToken ct);
}
