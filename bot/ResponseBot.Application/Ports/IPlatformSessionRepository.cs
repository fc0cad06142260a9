using NodaTime;

namespace ResponseBot.Application.Ports;

/// <summary>Platform sessions kept across restarts, only ever in protected (encrypted) form.</summary>
public interface IPlatformSessionRepository
{
    Task<string?> FindAsync(string accountId, CancellationToken ct);

    Task SaveAsync(string accountId, string @protected, Instant now, CancellationToken ct);
}
