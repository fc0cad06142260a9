using Microsoft.Extensions.Options;
using ResponseBot.Domain.Chat;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Delivery;

/// <summary>Resolves <c>Routing:TeamChannel</c> to the installed channel, if any.</summary>
public sealed class MentionRouting(ITeamChannelStore channels, IOptions<RoutingOptions> routing) : IMentionRouting
{
    public async Task<TeamChannel?> TeamChannelAsync(CancellationToken ct) => routing.Value.TeamChannel switch
    {
        null or "" => null,
        "auto" => await channels.FindAsync(null, ct),
        var id => await channels.FindAsync(id, ct),
    };

    public async Task<IReadOnlyList<string>> AlsoNotifyAsync(CancellationToken ct) =>
        await TeamChannelAsync(ct) is { } channel ? [channel.Recipient] : [];
}
