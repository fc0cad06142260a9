using NodaTime;
using ResponseBot.Domain.Elections;

namespace ResponseBot.Application.Views;

/// <summary>An account the period form can be scoped to.</summary>
public sealed record AccountChoice(string Id, string Name);

/// <summary>
/// Current and coming pre-election periods as at <see cref="Today"/>. <see cref="CanEdit"/> (a manager, decided from the
/// authenticated user) adds the form and, on periods added from Teams, Change / End now / Remove; configured ones stay read-only.
/// </summary>
public sealed record ElectionsCardModel(IReadOnlyList<ElectionPeriod> Periods, LocalDate Today, bool CanEdit, IReadOnlyList<AccountChoice> Accounts,
    string? Notice = null);
