using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Domain.Reports;

/// <summary>Mentions of one account, or of one priority.</summary>
public sealed record Tally<T>(T Key, int Mentions);

/// <summary>What one member of staff did with the period's cases.</summary>
public sealed record StaffTally(string StaffId, string Name, int Replied, int Approved, int Dismissed)
{
    public int Total => Replied + Approved + Dismissed;
}

/// <summary>
/// The figures every report shows, computed once from the cases received in the period. Time to first response is from
/// receipt to the first reply staff had posted (<see cref="DigestCase.PublishedAt"/>): the automatic holding reply is not
/// counted, because it says only that someone will answer — counting it would make every night look instant.
/// </summary>
public sealed record ReportFigures(
    IReadOnlyList<DigestCase> Cases,
    IReadOnlyList<double> ResponseMinutes,
    IReadOnlyList<DigestCase> Late,
    IReadOnlyList<Tally<string>> ByAccount,
    IReadOnlyList<Tally<ReportPriority>> ByPriority,
    IReadOnlyList<StaffTally> Staff)
{
    public int Mentions => Cases.Count;
    public int Replied => ResponseMinutes.Count;
    public int Dismissed => Cases.Count(c => c.State == CaseState.Dismissed);
    public IReadOnlyList<DigestCase> Open => Cases.Where(c => c.State.IsOpen()).ToList();
    public double? Median => ResponseTimes.Median(ResponseMinutes);
    public double? Percentile90 => ResponseTimes.Percentile(ResponseMinutes, 90);
    public double? Longest => ResponseMinutes.Count == 0 ? null : ResponseMinutes[^1];
    /// <summary>Cases a timer escalated because nobody acted in time, and cases a person escalated to the managers.</summary>
    public IReadOnlyList<DigestCase> EscalatedByTimer => Cases.Where(c => c.TimerEscalations > 0).ToList();
    public IReadOnlyList<DigestCase> EscalatedByPeople => Cases.Where(c => c.Escalations > 0).ToList();
    public int Escalated => Cases.Count(c => c.TimerEscalations > 0 || c.Escalations > 0);

    /// <param name="now">Decides which unanswered cases are already past their respond-by time.</param>
    public static ReportFigures Of(IReadOnlyList<DigestCase> cases, Instant now)
    {
        var minutes = cases.Where(c => c.PublishedAt is not null).Select(c => (c.PublishedAt!.Value - c.ReceivedAt).TotalMinutes).Order().ToList();
        // Late: replied after the respond-by time, or still unanswered past it.
        var late = cases.Where(c => c.RespondBy is { } by && (c.PublishedAt is { } p ? p > by : c.State.IsOpen() && now > by)).ToList();
        var byAccount = cases.GroupBy(c => c.AccountId).Select(g => new Tally<string>(g.Key, g.Count()))
            .OrderByDescending(t => t.Mentions).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var byPriority = Enum.GetValues<ReportPriority>().Select(p => new Tally<ReportPriority>(p, cases.Count(c => c.Priority == p))).ToList();
        return new ReportFigures(cases, minutes, late, byAccount, byPriority, StaffTallies(cases));
    }

    private static List<StaffTally> StaffTallies(IReadOnlyList<DigestCase> cases)
    {
        var acts = cases.Where(c => c.PublishedAt is not null && c.RepliedBy is not null).Select(c => (Who: c.RepliedBy!, Kind: 0))
            .Concat(cases.Where(c => c.ApprovedBy is not null).Select(c => (Who: c.ApprovedBy!, Kind: 1)))
            .Concat(cases.Where(c => c.State == CaseState.Dismissed && c.DismissedBy is not null).Select(c => (Who: c.DismissedBy!, Kind: 2)));
        return acts.GroupBy(a => a.Who.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => new StaffTally(g.Key, g.Last().Who.Name, g.Count(a => a.Kind == 0), g.Count(a => a.Kind == 1), g.Count(a => a.Kind == 2)))
            .OrderByDescending(s => s.Total).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
