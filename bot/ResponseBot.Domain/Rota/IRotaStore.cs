using NodaTime;

namespace ResponseBot.Domain.Rota;

public interface IRotaStore
{
    /// <summary>Live overrides that overlap <paramref name="range"/>.</summary>
    Task<IReadOnlyList<RotaOverride>> OverridesAsync(Interval range, CancellationToken ct);

    Task<long> AddOverrideAsync(RotaOverride o, string createdBy, Instant now, CancellationToken ct);

    /// <summary>
    /// A coordinator's edit in one transaction: cancels <paramref name="cancel"/> (if given), adds <paramref name="add"/>
    /// (if given) and queues <paramref name="notices"/> (staff id → text) for everyone it moves. Null when the override to
    /// cancel is already gone (someone else removed it): nothing is changed.
    /// </summary>
    Task<long?> ChangeAsync(RotaOverride? add, long? cancel, People.StaffMember by, Instant now, IReadOnlyDictionary<string, string> notices, CancellationToken ct);
}
