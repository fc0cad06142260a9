using ResponseBot.Application;

namespace ResponseBot.Host.Cases;

/// <summary><c>Routing:*</c> — where cases go besides the rota.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>Staff (Entra aadObjectIds), in order, offered a case when the officer on call can't be reached (they blocked
    /// or removed the app).</summary>
    public string[] Backup { get; set; } = [];

    /// <summary>A team channel that also gets every new mention, for the team to claim: a channel's conversation id, or
    /// "auto" for the channel the bot was most recently installed in. Empty: no channel.</summary>
    public string? TeamChannel { get; set; }

    /// <summary>The team the routing channel must belong to (its id): with a channel id, the channel is pinned to that team.</summary>
    public string? TeamId { get; set; }

    public RoutingSettings Settings => new(TeamChannel, Domain.People.StaffIds.Normalise(Backup)) { TeamId = TeamId };

    /// <summary>"auto" takes whichever channel the app was last added to: any team owner could make it theirs, so only when developing.</summary>
    public bool IsAllowed(bool development) => development || !string.Equals(TeamChannel, "auto", StringComparison.OrdinalIgnoreCase);
}
