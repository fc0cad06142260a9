using NodaTime;
namespace ResponseBot.Application.Ports;

/// <summary>
/// Inbound activities already handled (channels retry on timeouts). Recorded in the unit of work of the use case
/// that handles the activity, so a failed attempt leaves no record and the channel's retry is processed.
/// </summary>
public interface IActivityRepository
{
    /// <summary>True the first time <paramref name="key"/> is seen, false for a repeat.</summary>
    Task<bool> FirstTimeAsync(string key, Instant now, CancellationToken ct);

    Task PruneAsync(Instant before, CancellationToken ct);
}
