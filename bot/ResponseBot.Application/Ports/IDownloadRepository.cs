using NodaTime;
using ResponseBot.Application.Downloads;

namespace ResponseBot.Application.Ports;

/// <summary>Files waiting to be downloaded through a short-lived link (downloads): only a hash of each link's token is kept.</summary>
public interface IDownloadRepository
{
    /// <summary>Keeps the file, with no working link yet; returns its id.</summary>
    Task<long> SaveAsync(string createdBy, DownloadFile file, Instant now, Instant expiresAt, CancellationToken ct);

    /// <summary>Sets the link's token hash (replacing any earlier one) and its expiry. False when the file is gone.</summary>
    Task<bool> IssueAsync(long id, byte[] tokenHash, Instant expiresAt, CancellationToken ct);

    /// <summary>The file behind a token's hash, unless its link has expired at <paramref name="now"/>.</summary>
    Task<DownloadFile?> FindAsync(byte[] tokenHash, Instant now, CancellationToken ct);

    /// <summary>Deletes files whose links expired before <paramref name="now"/>; how many.</summary>
    Task<int> PurgeExpiredAsync(Instant now, CancellationToken ct);
}
