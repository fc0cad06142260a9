namespace ResponseBot.Cards.Schema;

// Teams' chart elements (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards).
// They are not Adaptive Cards 1.5: every other host, Microsoft's own parser included, knows none of them and shows the
// fallback instead, so each chart must carry one that says the same (a table of the same numbers).

/// <summary>A Teams chart: drawn by Teams, replaced by <see cref="Fallback"/> everywhere else.</summary>
public abstract record Chart : Element
{
    public string? Title { get; init; }
    /// <summary>"categorical", "sequential" or "diverging".</summary>
    public string? ColorSet { get; init; }
    public required Element Fallback { get; init; }
}

public sealed record VerticalBarChart(IReadOnlyList<BarPoint> Data) : Chart
{
    public string? XAxisTitle { get; init; }
    public string? YAxisTitle { get; init; }
    public bool? ShowBarValues { get; init; }
}

public sealed record BarPoint(string X, double Y)
{
    public string? Color { get; init; }
}

/// <summary>One line per series, over the same x values.</summary>
public sealed record LineChart(IReadOnlyList<LineSeries> Data) : Chart;

public sealed record LineSeries(string Legend, IReadOnlyList<LinePoint> Values)
{
    public string? Color { get; init; }
}

public sealed record LinePoint(string X, double Y);

public sealed record DonutChart(IReadOnlyList<DonutSlice> Data) : Chart;

public sealed record DonutSlice(string Legend, double Value)
{
    /// <summary>A Teams chart colour: "good", "warning", "attention", "neutral", or a categorical one.</summary>
    public string? Color { get; init; }
}
