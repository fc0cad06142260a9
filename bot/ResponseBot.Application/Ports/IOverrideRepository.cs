using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Ports;

/// <summary>Rota overrides (rota_overrides): cover added by coordinators and approved swaps.</summary>
public interface IOverrideRepository
{
    /// <summary>Live overrides that overlap <paramref name="range"/>.</summary>
    Task<IReadOnlyList<RotaOverride>> OverlappingAsync(Interval range, CancellationToken ct);

    Task<long> InsertAsync(RotaOverride o, string createdBy, Instant now, CancellationToken ct);

    /// <summary>False when it is already cancelled (someone else removed it).</summary>
    Task<bool> CancelAsync(long id, string cancelledBy, Instant now, CancellationToken ct);
}
