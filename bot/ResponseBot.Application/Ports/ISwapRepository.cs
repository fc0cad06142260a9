using NodaTime;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Ports;

/// <summary>"Cover me" requests (swap_requests).</summary>
public interface ISwapRepository
{
    /// <summary>False when a request for the same shift is still open or waiting for approval.</summary>
    Task<bool> InsertAsync(SwapRequest request, Instant now, CancellationToken ct);

    Task<SwapRequest?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>Writes the request's new status, taker, decider and override, if it is still <paramref name="expected"/>.
    /// False when someone got there first.</summary>
    Task<bool> SaveAsync(SwapRequest after, SwapStatus expected, Instant now, CancellationToken ct);
}
