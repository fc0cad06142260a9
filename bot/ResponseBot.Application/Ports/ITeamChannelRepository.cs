using NodaTime;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Application.Ports;

/// <summary>Team channels the bot is installed in (team_channels).</summary>
public interface ITeamChannelRepository
{
    Task SaveAsync(TeamChannel channel, bool installed, Instant now, CancellationToken ct);

    /// <summary>The named channel if the bot is installed there; with no name, the most recently installed one.</summary>
    Task<TeamChannel?> FindAsync(string? conversationId, CancellationToken ct);
}
