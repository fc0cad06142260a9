using NodaTime;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Host.Organisation;

/// <summary><c>Rota:*</c> — a rotation per layer, who coordinates the rota, and whether swaps need approval.</summary>
public sealed class RotaOptions
{
    public const string Section = "Rota";

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

    public IReadOnlyList<Rotation> Rotations => Layers.Select(l => new Rotation(l.Key, l.Value.Participants.Select(StaffIds.Normalise).ToList(), LocalDate.FromDateOnly(l.Value.StartDate),
        LocalTime.FromTimeOnly(l.Value.Handoff), l.Value.ShiftDays)).ToList();

    public IEnumerable<string> Problems()
    {
        foreach (var (layer, r) in Layers)
        {
            if (r.ShiftDays < 1) yield return $"Rota:Layers:{layer}:ShiftDays must be at least 1.";
            if (r.Participants.Length == 0) yield return $"Rota:Layers:{layer}:Participants is empty.";
        }
    }
}

/// <summary><c>Roles:Managers</c> — Entra aadObjectIds of managers besides the manager layer's rotation: they approve, reject
/// and take escalations, and only they can go "on call as manager". <c>Roles:Officers</c> — staff besides the rotations
/// who may go on call.</summary>
public sealed class RolesOptions
{
    public const string Section = "Roles";

    public string[] Managers { get; set; } = [];

    /// <summary>Entra aadObjectIds of officers who may go on call and claim cases without being on a rotation.</summary>
    public string[] Officers { get; set; } = [];
}
