namespace ResponseBot.Host.Composition;

public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>
    /// Staff (Entra aadObjectIds), in order, who are offered a case when the officer on call can't be
    /// reached (they blocked or removed the app). The rota's secondary and manager layers take this over.
    /// </summary>
    public string[] Backup { get; set; } = [];

    /// <summary>
    /// A team channel that also gets every new mention, for the team to claim: a channel's conversation id,
    /// or "auto" for the channel the bot was most recently installed in. Empty: no channel.
    /// </summary>
    public string? TeamChannel { get; set; }
}
