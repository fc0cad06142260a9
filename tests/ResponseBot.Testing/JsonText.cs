using System.Text.Json.Nodes;

namespace ResponseBot.Testing;

public static class JsonText
{
    /// <summary>Every string value in a JSON tree, unescaped, one per line: what a card would show.</summary>
    public static string Of(JsonNode? node) => string.Join('\n', Strings(node));

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}

public static class JsonTextExtensions
{
    public static string Text(this JsonNode? node) => JsonText.Of(node);
}
