using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResponseBot.Cards.Schema;

public sealed record AdaptiveCard(IReadOnlyList<Element> Body)
{
    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema"), JsonPropertyOrder(-2)]
    public string? Schema { get; init; } = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-1)]
    /// <summary>Null on cards nested in Action.ShowCard, which take the outer card's version.</summary>
    public string? Version { get; init; } = "1.5";

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Plain text for a host that can't draw the card at all.</summary>
    public string? FallbackText { get; init; }

    /// <summary>Universal Actions refresh, for per-user views.</summary>
    public CardRefresh? Refresh { get; init; }

    /// <summary>Teams-only host config; other hosts ignore it.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardOptions? Teams { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Json)!.AsObject();
}

public sealed record TeamsCardOptions(string Width);

/// <summary>Whose clients refresh the card (Teams user ids, at most 60) and with which action.</summary>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<string> UserIds);
