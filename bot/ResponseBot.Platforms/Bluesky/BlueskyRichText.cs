using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ResponseBot.Platforms.Bluesky;

/// <summary>
/// Facets for a post: Bluesky shows "@someone" as a mention and a URL as a link only when a facet says so, with the span
/// given in UTF-8 byte offsets. Handles are resolved to DIDs by the caller; one that doesn't resolve stays plain text.
/// </summary>
public static partial class BlueskyRichText
{
    [GeneratedRegex(@"(?<![\w.])@(?<handle>[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+)")]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"https?://[^\s<>""']+[^\s<>""'.,;:!?)\]]")]
    private static partial Regex LinkPattern();

    public static IReadOnlyList<string> Handles(string text) => MentionPattern().Matches(text).Select(m => m.Groups["handle"].Value).Distinct().ToList();

    public static JsonArray Facets(string text, IReadOnlyDictionary<string, string> didByHandle)
    {
        var facets = new JsonArray();
        foreach (Match m in MentionPattern().Matches(text))
            if (didByHandle.TryGetValue(m.Groups["handle"].Value, out var did))
                facets.Add(Facet(text, m, new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = did }));
        foreach (Match m in LinkPattern().Matches(text))
            facets.Add(Facet(text, m, new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = m.Value }));
        return facets;
    }

    private static JsonObject Facet(string text, Match m, JsonObject feature)
    {
        var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, m.Index));
        return new JsonObject
        {
            ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = start + Encoding.UTF8.GetByteCount(m.Value) },
            ["features"] = new JsonArray(feature),
        };
    }
}
