using System.Text.Json;

namespace ResponseBot.Teams.Inbound;

/// <summary>
/// Finds text in an activity that JSON can carry but .NET can't read — an unpaired surrogate — so it is refused with 400
/// naming where it is, rather than failing later as a 500 wherever the string is first read.
/// </summary>
public static class UnreadableText
{
    /// <summary>The JSON path of the first unreadable string or property name, or null when all of it reads.</summary>
    public static string? Find(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Reads(() => element.GetString()) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!Reads(() => property.Name)) return path;
                    if (Find(property.Value, $"{path}.{property.Name}") is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (Find(item, $"{path}[{i++}]") is { } inner) return inner;
                return null;
            default:
                return null;
        }
    }

    private static bool Reads(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
