namespace ResponseBot.Host.Composition;

public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>IANA zone that times on cards are shown in.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsValid() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}
