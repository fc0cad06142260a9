using System.Globalization;
using System.Text;
using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>What coordinators are told about uncovered windows ahead.</summary>
public static class CoverageReport
{
    /// <summary>A message listing every gap in <paramref name="range"/>, or null when every layer is covered.</summary>
    public static string? Gaps(RotaPlan plan, Interval range)
    {
        var gaps = Enum.GetValues<Layer>().SelectMany(l => plan.Gaps(l, range)).OrderBy(g => g.Start).ToList();
        if (gaps.Count == 0) return null;
        var text = new StringBuilder($"Out-of-hours cover has {gaps.Count} gap{(gaps.Count == 1 ? "" : "s")} in the next {Math.Round(range.Duration.TotalDays)} days:\n");
        foreach (var g in gaps)
            text.Append(CultureInfo.InvariantCulture, $"\n- {g.Layer}: {RotaText.Local(g.Start, plan.Zone)} to {RotaText.Local(g.End, plan.Zone)} ({g.Length.TotalHours:0.#} h) — nobody on call");
        text.Append("\n\nAdd cover (an override) or change the rota before then.");
        return text.ToString();
    }
}
