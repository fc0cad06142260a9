using System.Text.Json.Nodes;

namespace ResponseBot.Testing;

public static class JsonText
{
    private static readonly HashSet<string> Visible = ["text", "title", "value", "label", "placeholder", "errorMessage", "message", "url"];

    /// <summary>
    /// What a person would read on a card (or in an invoke reply), one block per line: a RichTextBlock's
    /// runs are joined into one line, style values like "Bolder" are left out.
    /// </summary>
    public static string Of(JsonNode? node) => string.Join('\n', Lines(node));

    private static IEnumerable<string> Lines(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "RichTextBlock" =>
            [string.Concat(o["inlines"]!.AsArray().Select(r => r?["text"]?.GetValue<string>()))],
        JsonObject o => o.SelectMany(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s)
            ? (Visible.Contains(p.Key) ? [s] : [])
            : Lines(p.Value)),
        JsonArray a => a.SelectMany(Lines),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}

public static class JsonTextExtensions
{
    public static string Text(this JsonNode? node) => JsonText.Of(node);
}
