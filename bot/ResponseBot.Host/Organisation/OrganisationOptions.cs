using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Host.Organisation;

/// <summary><c>Organisation:*</c> — set once for everything: the time zone, the nation (bank holidays) and office hours.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>IANA zone: times on cards and in messages, the rota's shifts and the scheduled jobs' cron expressions.</summary>
    public string TimeZone { get; set; } = "Europe/London";
    public Nation Nation { get; set; } = Nation.EnglandAndWales;
    /// <summary>When the office team starts and stops on weekdays: out-of-hours cover is the time between, and what {cover_until} means.</summary>
    public TimeOnly OfficeOpens { get; set; } = new(9, 0);
    public TimeOnly OfficeCloses { get; set; } = new(17, 0);
    public bool WeekendsAllDay { get; set; } = true;
    public bool BankHolidaysAllDay { get; set; } = true;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public Coverage Coverage => new(LocalTime.FromTimeOnly(OfficeOpens), LocalTime.FromTimeOnly(OfficeCloses), Nation)
    {
        WeekendsAllDay = WeekendsAllDay, BankHolidaysAllDay = BankHolidaysAllDay,
    };

    public bool IsValid() => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is not null && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);

    // Keys earlier versions read, each now set once here: refused at start, naming the key to use instead.
    private static readonly string[] Moved = ["TimeZone", "Nation", "OfficeOpens", "OfficeCloses", "WeekendsAllDay", "BankHolidaysAllDay"];

    public static IEnumerable<string> OldKeys(IConfiguration config) =>
        Moved.Select(k => $"Rota:{k}").Append("Jobs:TimeZone").Where(k => config[k] is not null)
            .Select(k => $"{k} is no longer read: set Organisation:{k.Split(':')[1]} instead.");
}
