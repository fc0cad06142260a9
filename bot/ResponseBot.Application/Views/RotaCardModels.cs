using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Views;

/// <summary>One layer in "who's on call": who holds it now and until when, and who is next from when.</summary>
public sealed record DutyLine(Layer Layer, string? Now, Instant? NowUntil, string? Next, Instant? NextFrom);

/// <summary>Who holds each layer at <see cref="AsAt"/>; times are drawn in <see cref="Zone"/>.</summary>
public sealed record WhoIsOnCallModel(Instant AsAt, DateTimeZone Zone, IReadOnlyList<DutyLine> Layers, string? Notice = null);

/// <summary>A span of one layer on one day, from the day's start at the earliest; <see cref="Name"/> null is a gap in cover.</summary>
public sealed record RotaEntry(Layer Layer, Instant Start, Instant End, string? Name, bool IsOverride);

public sealed record RotaDay(LocalDate Day, IReadOnlyList<RotaEntry> Entries);

/// <summary>An override a coordinator can change or remove, with the covering person's name.</summary>
public sealed record OverrideLine(RotaOverride Override, string Name);

public sealed record PersonChoice(string StaffId, string Name);

/// <summary>
/// The coming days of the rota in <see cref="Zone"/>, with <see cref="Gaps"/> shifts nobody covers. <see cref="CanEdit"/> (a
/// coordinator, decided from the authenticated user) adds the override form and the change/remove buttons; the form starts
/// as tonight's cover (17:00 on the first day to 09:00 the next), the commonest request.
/// </summary>
public sealed record RotaWeekModel(DateTimeZone Zone, IReadOnlyList<RotaDay> Days, int Gaps, bool CanEdit,
    IReadOnlyList<OverrideLine> Overrides, IReadOnlyList<PersonChoice> People, string? Notice = null);

/// <summary>A "cover me" request as the people asked see it, and as coordinators see it for approval.</summary>
public sealed record SwapCardModel(SwapRequest Request, string RequesterName, string? TakerName, DateTimeZone Zone, string? Notice = null)
{
    /// <summary>Teams user ids of everyone offered the swap: their copies refresh when viewed, so a taken swap shows as taken.</summary>
    public IReadOnlyList<string> RefreshFor { get; init; } = [];
}
