using System.Globalization;
using NodaTime;
using NodaTime.Text;
using ResponseBot.Application.Ports;

namespace ResponseBot.Application.Records;

/// <summary>
/// What a manager typed: <c>records person platform:handle</c>, <c>records erase platform:handle because why</c>, or
/// <c>export FROM TO [account] [csv|json]</c> (dates in the organisation's zone, both inclusive).
/// </summary>
public abstract record RecordsRequest
{
    public sealed record Person(DataSubject Subject) : RecordsRequest;
    public sealed record Erase(DataSubject Subject, string Reason) : RecordsRequest;
    public sealed record Range(LocalDate From, LocalDate To, string? AccountId, ExportFormat Format) : RecordsRequest;
    public sealed record Invalid(string Message) : RecordsRequest;

    public const string Usage = "Try `records person x:someone`, `records erase x:someone because <the request's reference>` or " +
                                "`export 2026-11-01 2026-11-30 [account] [csv|json]`.";

    public static bool Matches(string text) => Words(text) is ["records" or "export", ..];

    public static RecordsRequest Parse(string text, IAccountDirectory accounts)
    {
        var words = Words(text);
        switch (words)
        {
            case ["records", "person", var who]:
                return DataSubject.Parse(who, accounts) is ({ } s, _) ? new Person(s) : new Invalid(DataSubject.Parse(who, accounts).Error!);
            case ["records", "erase", var who, "because", .. var why] when why.Length > 0:
                return DataSubject.Parse(who, accounts) is ({ } e, _) ? new Erase(e, string.Join(' ', why)) : new Invalid(DataSubject.Parse(who, accounts).Error!);
            case ["records", "erase", ..]:
                return new Invalid("Say why, after the person: `records erase x:someone because <the request's reference>`.");
            case ["export", var from, var to, .. var rest] when rest.Length <= 2:
                var dates = LocalDatePattern.Iso;
                if (!dates.Parse(from).Success || !dates.Parse(to).Success) return new Invalid("Give the dates as yyyy-MM-dd. " + Usage);
                var (f, t) = (dates.Parse(from).Value, dates.Parse(to).Value);
                if (t < f || Period.Between(f, t, PeriodUnits.Days).Days >= ExportRecords.LongestRangeDays)
                    return new Invalid($"The end must be on or after the start, and the range at most {ExportRecords.LongestRangeDays} days.");
                var format = rest.Any(w => w.Equals("json", StringComparison.OrdinalIgnoreCase)) ? ExportFormat.Json : ExportFormat.Csv;
                var account = rest.FirstOrDefault(w => !w.Equals("json", StringComparison.OrdinalIgnoreCase) && !w.Equals("csv", StringComparison.OrdinalIgnoreCase));
                if (account is not null && accounts.Find(account) is null) return new Invalid($"There is no account '{account}'.");
                return new Range(f, t, account, format);
            default:
                return new Invalid(Usage);
        }
    }

    // Verbs are matched case-insensitively; the person and the reason keep what was typed.
    private static string[] Words(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < Math.Min(2, words.Length); i++)
            if (words[i].ToLowerInvariant() is "records" or "person" or "erase" or "export") words[i] = words[i].ToLowerInvariant();
        if (words.Length > 3 && words[0] == "records" && words[3].Equals("because", StringComparison.OrdinalIgnoreCase)) words[3] = "because";
        return words;
    }

    public static string Describe(LocalDate d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
