using NodaTime;

namespace ResponseBot.Domain.Rota;

public interface IRotaStore
{
    /// <summary>Live overrides that overlap <paramref name="range"/>.</summary>
    Task<IReadOnlyList<RotaOverride>> OverridesAsync(Interval range, CancellationToken ct);

    Task<long> AddOverrideAsync(RotaOverride o, string createdBy, Instant now, CancellationToken ct);
}
