using System.Globalization;
using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>How rota times and layers read in messages and cards.</summary>
public static class RotaText
{
    public static string Local(Instant i, DateTimeZone zone) =>
        i.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The layer as a heading: "Primary", "Secondary", "Manager".</summary>
    public static string Title(Layer layer) => layer switch { Layer.Primary => "Primary", Layer.Secondary => "Secondary", _ => "Manager" };

    public static string Name(Layer layer) => layer switch
    {
        Layer.Primary => "primary",
        Layer.Secondary => "secondary",
        _ => "manager on duty",
    };
}
