namespace ResponseBot.Domain.Reports;

/// <summary>A period against the one of equal length just before it.</summary>
public sealed record ReportTrend(ReportFigures Now, ReportFigures Before)
{
    /// <summary>Change in mentions as a whole percentage; null when there were none before (no percentage of nothing).</summary>
    public int? MentionsChangePercent => Before.Mentions == 0 ? null
        : (int)Math.Round((Now.Mentions - Before.Mentions) * 100.0 / Before.Mentions, MidpointRounding.AwayFromZero);

    /// <summary>Minutes the median first response moved (negative: faster); null unless both periods had replies.</summary>
    public double? MedianChange => Now.Median is { } now && Before.Median is { } before ? now - before : null;

    public int MissesChange => Now.Late.Count - Before.Late.Count;

    public string MentionsText => MentionsChangePercent switch
    {
        null => Now.Mentions > 0 ? "none in the previous period" : "no change in mentions",
        0 => "no change in mentions",
        var p => $"{(p > 0 ? "+" : "")}{p}% mentions",
    };

    public string? MedianText => MedianChange switch
    {
        null => null,
        var m when Math.Round(m.Value) == 0 => "median unchanged",
        var m => $"median {Math.Abs(Math.Round(m.Value)):0} min {(m < 0 ? "faster" : "slower")}",
    };

    public string MissesText => MissesChange switch
    {
        0 => "missed respond-by times unchanged",
        var d => $"{(d > 0 ? "+" : "")}{d} missed respond-by {(Math.Abs(d) == 1 ? "time" : "times")}",
    };
}
