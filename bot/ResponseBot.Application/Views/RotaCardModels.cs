namespace ResponseBot.Application.Views;

/// <summary>One layer in "who's on call": who holds it now and until when, and who is next from when. Times already local.</summary>
public sealed record DutyLine(string Layer, string? Now, string? NowUntil, string? Next, string? NextFrom);

public sealed record WhoIsOnCallModel(string AsAt, IReadOnlyList<DutyLine> Layers, string? Notice = null);

/// <summary>A span of one layer on one day; <see cref="Name"/> null is a gap in cover.</summary>
public sealed record RotaEntry(string Layer, string From, string To, string? Name, bool IsOverride);

public sealed record RotaDay(string Day, IReadOnlyList<RotaEntry> Entries);

/// <summary>An override a coordinator can change or remove. Dates and times as the form inputs want them.</summary>
public sealed record OverrideLine(long Id, string Layer, string LayerKey, string StaffId, string Name, string From, string To,
    string StartDate, string StartTime, string EndDate, string EndTime);

public sealed record PersonChoice(string StaffId, string Name);

/// <summary>
/// The coming days of the rota. <see cref="CanEdit"/> (a coordinator, decided from the authenticated user)
/// adds the override form and the change/remove buttons. The form starts as tonight's cover (<see cref="DefaultDate"/>
/// 17:00 to <see cref="DefaultEndDate"/> 09:00), the commonest request.
/// </summary>
public sealed record RotaWeekModel(string Title, IReadOnlyList<RotaDay> Days, int Gaps, bool CanEdit,
    IReadOnlyList<OverrideLine> Overrides, IReadOnlyList<PersonChoice> People, IReadOnlyList<(string Key, string Name)> Layers,
    string DefaultDate, string DefaultEndDate, string? Notice = null);

/// <summary>A "cover me" request as the people asked see it, and as coordinators see it for approval. Times already local.</summary>
public sealed record SwapCardModel(Guid Id, string RequesterName, string Layer, string From, string To, string Status, string? TakerName, string? Notice = null)
{
    /// <summary>Teams user ids of everyone offered the swap: their copies refresh when viewed, so a taken swap shows as taken.</summary>
    public IReadOnlyList<string> RefreshFor { get; init; } = [];
}
