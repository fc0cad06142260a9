using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>
/// The organisation's out-of-hours set-up, configured once: its zone and office hours (<see cref="Coverage"/>), a rotation
/// per layer, who coordinates the rota and who manages. The overrides stored on top make a <see cref="RotaPlan"/>.
/// </summary>
public sealed record RotaConfig(
    DateTimeZone Zone, Coverage Coverage, IReadOnlyList<Rotation> Rotations, IReadOnlyList<string> Coordinators, IReadOnlyList<string> ConfiguredManagers)
{
    /// <summary>"Cover me" swaps need a coordinator's approval before they go on the rota.</summary>
    public bool SwapsNeedApproval { get; init; } = true;

    /// <summary>Everyone who may approve and take escalations: the configured managers and the manager layer's rotation.</summary>
    public IReadOnlyList<string> Managers { get; } = ConfiguredManagers
        .Concat(Rotations.Where(r => r.Layer == Layer.Manager).SelectMany(r => r.Participants)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Everyone who can be put on the rota: every layer's participants and the managers.</summary>
    public IReadOnlyList<string> People => field ??= Rotations.SelectMany(r => r.Participants).Concat(Managers).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Layers with a rotation that has people in it.</summary>
    public IReadOnlyList<Layer> Layers => Rotations.Where(r => r.Participants.Count > 0).Select(r => r.Layer).Order().ToList();

    public bool IsManager(string staffId) => Managers.Contains(staffId, StringComparer.OrdinalIgnoreCase);

    /// <summary>Entra object ids of officers who may go on call without being on a rotation (<c>Roles:Officers</c>).</summary>
    public IReadOnlyList<string> Officers { get; init; } = [];

    /// <summary>Staff: on the rota in any layer, a manager, or a configured officer. Only they may go on call or claim a case.</summary>
    public bool IsStaff(string staffId) =>
        People.Contains(staffId, StringComparer.OrdinalIgnoreCase) || Officers.Contains(staffId, StringComparer.OrdinalIgnoreCase);

    public bool IsCoordinator(string staffId) => Coordinators.Contains(staffId, StringComparer.OrdinalIgnoreCase);

    public RotaPlan Plan(IReadOnlyList<RotaOverride> overrides) => new(Zone, Coverage, Rotations, overrides);
}
