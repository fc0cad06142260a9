using NodaTime;
namespace ResponseBot.Application.Ports;

/// <summary>The secret links to people's shift calendars (calendar_feeds): only a hash of each is kept.</summary>
public interface ICalendarFeedRepository
{
    /// <summary>Replaces <paramref name="staffId"/>'s token hash: the link issued before stops working.</summary>
    Task SaveAsync(string staffId, byte[] tokenHash, Instant now, CancellationToken ct);

    Task<string?> FindStaffAsync(byte[] tokenHash, CancellationToken ct);
}
