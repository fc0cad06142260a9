using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResponseBot.Cards.Schema;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction(string Title)
{
    public string? Id { get; init; }
    public string? Style { get; init; }
}

/// <summary>Universal Action: reaches the bot as an adaptiveCard/action invoke and lets it replace the card.</summary>
public sealed record ExecuteAction(string Title, string Verb, JsonObject Data) : CardAction(Title)
{
    /// <summary>For clients without Universal Actions: arrives as a message with the same data.</summary>
    public CardAction? Fallback { get; init; }
}

public sealed record SubmitAction(string Title, JsonObject Data) : CardAction(Title);

public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title);

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title);
