namespace ResponseBot.Domain.Reports;

/// <summary>The two statistics the reports give for response times, over values sorted ascending.</summary>
public static class ResponseTimes
{
    /// <summary>The middle value; the mean of the middle two when there is an even number.</summary>
    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>
    /// The nearest-rank percentile: the smallest response time that at least <paramref name="percent"/>% of responses were
    /// as fast as. Always a time somebody actually took (no interpolation), so "9 in 10 within 40 min" is literally true.
    /// </summary>
    public static double? Percentile(IReadOnlyList<double> sorted, int percent)
    {
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
