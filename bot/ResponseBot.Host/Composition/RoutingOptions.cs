namespace ResponseBot.Host.Composition;

public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>
    /// Staff (Entra aadObjectIds), in order, who are offered a case when the officer on call can't be
    /// reached (they blocked or removed the app). The rota's secondary and manager layers take this over.
    /// </summary>
    public string[] Backup { get; set; } = [];
}
