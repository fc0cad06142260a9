using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Host.Composition;

/// <summary><c>Rota:*</c> — out-of-hours cover: zone, nation (bank holidays), office hours and a rotation per layer.</summary>
public sealed class RotaOptions
{
    public const string Section = "Rota";

    public string TimeZone { get; set; } = "Europe/London";
    public Nation Nation { get; set; } = Nation.EnglandAndWales;
    public TimeOnly OfficeOpens { get; set; } = new(9, 0);
    public TimeOnly OfficeCloses { get; set; } = new(17, 0);
    public bool WeekendsAllDay { get; set; } = true;
    public bool BankHolidaysAllDay { get; set; } = true;
    public Dictionary<Layer, RotationOptions> Layers { get; set; } = [];

    /// <summary>"Cover me" swaps need a coordinator's approval before they go on the rota.</summary>
    public bool SwapsNeedApproval { get; set; } = true;

    /// <summary>Entra aadObjectIds of rota coordinators: change cover, approve swaps, are warned about gaps ahead.</summary>
    public string[] Coordinators { get; set; } = [];

    public sealed class RotationOptions
    {
        /// <summary>Entra aadObjectIds, in turn order.</summary>
        public string[] Participants { get; set; } = [];
        public DateOnly StartDate { get; set; } = new(2026, 1, 5);
        public TimeOnly Handoff { get; set; } = new(17, 0);
        public int ShiftDays { get; set; } = 7;
    }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public RotaPlan Plan(IReadOnlyList<RotaOverride> overrides) => new(Zone,
        new Coverage(LocalTime.FromTimeOnly(OfficeOpens), LocalTime.FromTimeOnly(OfficeCloses), Nation)
        {
            WeekendsAllDay = WeekendsAllDay, BankHolidaysAllDay = BankHolidaysAllDay,
        },
        Layers.Select(l => new Rotation(l.Key, l.Value.Participants, LocalDate.FromDateOnly(l.Value.StartDate),
            LocalTime.FromTimeOnly(l.Value.Handoff), l.Value.ShiftDays)).ToList(),
        overrides);

    public IEnumerable<string> Problems()
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null) yield return $"Rota:TimeZone '{TimeZone}' is not an IANA time zone.";
        foreach (var (layer, r) in Layers)
        {
            if (r.ShiftDays < 1) yield return $"Rota:Layers:{layer}:ShiftDays must be at least 1.";
            if (r.Participants.Length == 0) yield return $"Rota:Layers:{layer}:Participants is empty.";
        }
    }
}
