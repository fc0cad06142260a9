using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>The secret links to people's shift calendars. Only a hash of each is kept.</summary>
public interface ICalendarFeedStore
{
    /// <summary>A new secret for <paramref name="staffId"/>'s feed; the one issued before stops working.</summary>
    Task<string> IssueAsync(string staffId, Instant now, CancellationToken ct);

    /// <summary>Whose feed <paramref name="token"/> opens, or null for an unknown, replaced or malformed one.</summary>
    Task<string?> FindStaffAsync(string token, CancellationToken ct);
}
