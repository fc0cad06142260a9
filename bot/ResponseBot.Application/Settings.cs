namespace ResponseBot.Application;

/// <summary>Saved replies offered on cards, by name; placeholders {author}, {account}, {cover_until}.</summary>
public sealed record ReplySettings(IReadOnlyDictionary<string, string> Templates);

/// <summary>Where cases go besides the rota: the team channel (a conversation id, or "auto"), and who backs up an unreachable officer.</summary>
public sealed record RoutingSettings(string? TeamChannel, IReadOnlyList<string> Backup)
{
    /// <summary>When set, the routing channel counts only if it belongs to this team.</summary>
    public string? TeamId { get; init; }
}

/// <summary>The shift calendar feed: the bot's public base URL (null: no feed links) and how many days ahead a feed lists.</summary>
public sealed record CalendarSettings(string? PublicBaseUrl, int Days)
{
    public bool IsEnabled => !string.IsNullOrWhiteSpace(PublicBaseUrl);

    public string FeedUrl(string token) => $"{PublicBaseUrl?.TrimEnd('/')}/calendar/{token}.ics";
}

/// <summary>Download links: the bot's public base URL they start with (null: no links) and how long each works.</summary>
public sealed record DownloadSettings(string? PublicBaseUrl, NodaTime.Duration Expiry)
{
    public bool IsEnabled => !string.IsNullOrWhiteSpace(PublicBaseUrl);

    public string Url(string token) => $"{PublicBaseUrl?.TrimEnd('/')}/downloads/{token}";
}

/// <summary>How many webhook mentions may wait to be stored at once (<see cref="Cases.MentionIntake"/>).</summary>
public sealed record IntakeSettings(int MaxQueued);

public static class RoutingChannels
{
    /// <summary>The team channel new cases also go to, if the bot is installed there.</summary>
    public static async Task<Domain.Chat.TeamChannel?> ChannelAsync(this RoutingSettings routing, Ports.IUnitOfWork uow, CancellationToken ct)
    {
        var channel = routing.TeamChannel switch
        {
            null or "" => null,
            "auto" => await uow.Channels.FindAsync(null, ct),
            var id => await uow.Channels.FindAsync(id, ct),
        };
        // Pinned by team as well as channel: the same channel id installed in another team is not ours.
        return channel is not null && routing.TeamId is { Length: > 0 } team && channel.TeamId != team ? null : channel;
    }
}
