using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ResponseBot.Domain.Rota;

public enum Nation
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// <summary>UK bank holidays per nation, shipped as data (BankHolidays.json) so no lookup is needed at run time.</summary>
public static class BankHolidays
{
    private static readonly Lazy<IReadOnlyDictionary<Nation, IReadOnlySet<LocalDate>>> All = new(Load);

    public static IReadOnlySet<LocalDate> For(Nation nation) => All.Value[nation];

    /// <summary>The years the shipped data covers; outside them a check would silently miss holidays.</summary>
    public static (int First, int Last) Years => (All.Value.Values.SelectMany(d => d).Min().Year, All.Value.Values.SelectMany(d => d).Max().Year);

    private static IReadOnlyDictionary<Nation, IReadOnlySet<LocalDate>> Load()
    {
        using var stream = typeof(BankHolidays).Assembly.GetManifestResourceStream(
            typeof(BankHolidays).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("BankHolidays.json", StringComparison.Ordinal)))!;
        using var doc = JsonDocument.Parse(stream);
        IReadOnlySet<LocalDate> Dates(string key) =>
            doc.RootElement.GetProperty(key).EnumerateArray().Select(d => LocalDatePattern.Iso.Parse(d.GetString()!).Value).ToHashSet();
        return new Dictionary<Nation, IReadOnlySet<LocalDate>>
        {
            [Nation.EnglandAndWales] = Dates("england-and-wales"),
            [Nation.Scotland] = Dates("scotland"),
            [Nation.NorthernIreland] = Dates("northern-ireland"),
        };
    }
}
