namespace ResponseBot.Domain.Triage;

/// <summary>
/// What triage made of a mention: its flags (categories, plus "link"), the organisation's tags, how urgent it is, who else it
/// goes to (<see cref="TriageRule.Route"/>), the suggested reply's name, its language ("cy" or "en") and the rules that matched.
/// </summary>
public sealed record TriageOutcome(
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Tags,
    TriagePriority Priority,
    IReadOnlyList<string> Routes,
    string? Template,
    string Language,
    IReadOnlyList<string> Rules)
{
    public static readonly TriageOutcome None = new([], [], TriagePriority.Normal, [], null, Languages.English, []);

    public bool IsUrgent => Priority == TriagePriority.Urgent || Flags.Contains(Triage.Flags.Emergency);
}
