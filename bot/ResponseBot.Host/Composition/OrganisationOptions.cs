namespace ResponseBot.Host.Composition;

public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>IANA zone that times on cards are shown in.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>When the office team starts on weekdays: what {cover_until} in a saved reply means.</summary>
    public TimeOnly OfficeOpens { get; set; } = new(9, 0);

    public bool IsValid() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}
