using NodaTime;
using ResponseBot.Domain.Elections;

namespace ResponseBot.Application.Ports;

/// <summary>Pre-election periods managers added from Teams (election_periods). Configured ones never reach the database.</summary>
public interface IElectionPeriodRepository
{
    /// <summary>Periods not removed that end on or after <paramref name="today"/>.</summary>
    Task<IReadOnlyList<ElectionPeriod>> CurrentAsync(LocalDate today, CancellationToken ct);

    /// <summary>A live (not removed) period, locked until the unit of work ends.</summary>
    Task<ElectionPeriod?> GetForUpdateAsync(long id, CancellationToken ct);

    Task<long> InsertAsync(ElectionPeriod p, string createdBy, Instant now, CancellationToken ct);

    Task UpdateAsync(ElectionPeriod p, string changedBy, Instant now, CancellationToken ct);

    Task RemoveAsync(long id, string removedBy, Instant now, CancellationToken ct);
}
