using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace ResponseBot.Domain.Elections;

/// <summary>What a manager typed into the period form: a name, two ISO dates and a scope (<see cref="AllAccounts"/> or one account id).</summary>
public sealed record ElectionForm(string? Name, string? From, string? To, string? Scope)
{
    public const string AllAccounts = "*";
}

/// <summary>The rules over a set of pre-election periods: which one covers an account today, what a valid period is, ending one.</summary>
public static class ElectionPeriods
{
    public const int MaxName = 200;

    /// <summary>The period that covers <paramref name="accountId"/> on <paramref name="today"/>; of overlapping ones, the one ending last,
    /// since that is how long replies stay restricted.</summary>
    public static ElectionPeriod? Covering(IEnumerable<ElectionPeriod> periods, string accountId, LocalDate today) =>
        periods.Where(p => p.Covers(accountId, today)).OrderByDescending(p => p.To).ThenBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The periods still to come or under way, soonest first.</summary>
    public static IReadOnlyList<ElectionPeriod> Current(IEnumerable<ElectionPeriod> periods, LocalDate today) =>
        periods.Where(p => !p.IsOver(today)).OrderBy(p => p.From).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>Why the period is invalid, or null. A configured period from the old date pair has no name; every other needs one.</summary>
    public static string? Problem(ElectionPeriod p, IReadOnlyCollection<string> knownAccounts, bool nameRequired = true)
    {
        if (nameRequired && string.IsNullOrWhiteSpace(p.Name)) return "Give the period a name.";
        if (p.Name.Length > MaxName) return $"Keep the name to {MaxName} characters.";
        if (p.To < p.From) return "The end date must be on or after the start date.";
        if (p.Accounts.FirstOrDefault(a => !knownAccounts.Contains(a, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            return $"There is no account \"{unknown}\".";
        return null;
    }

    /// <summary>A period from the form, or why not. A period already over by <paramref name="today"/> is refused: it would change nothing.</summary>
    public static (ElectionPeriod? Period, string? Error) Parse(ElectionForm form, long? id, IReadOnlyCollection<string> knownAccounts, LocalDate today)
    {
        if (Date(form.From) is not { } from) return (null, "Give a start date (yyyy-mm-dd).");
        if (Date(form.To) is not { } to) return (null, "Give an end date (yyyy-mm-dd).");
        var scope = string.IsNullOrWhiteSpace(form.Scope) || form.Scope == ElectionForm.AllAccounts ? [] : new[] { form.Scope.Trim() };
        var period = new ElectionPeriod(id, (form.Name ?? "").Trim(), from, to, scope);
        if (Problem(period, knownAccounts) is { } problem) return (null, problem);
        return period.IsOver(today) ? (null, "That period has already ended.") : (period, null);
    }

    /// <summary>"End now": the period stops applying today, so it ends yesterday; one that hasn't begun by then is removed (null).</summary>
    public static ElectionPeriod? EndNow(ElectionPeriod p, LocalDate today) =>
        today.PlusDays(-1) is var yesterday && yesterday >= p.From ? p with { To = LocalDate.Min(p.To, yesterday) } : null;

    public static string Scope(ElectionPeriod p) => p.AllAccounts ? "all accounts" : string.Join(", ", p.Accounts);

    public static string Day(LocalDate d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static LocalDate? Date(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } r ? r.Value : null;
}
