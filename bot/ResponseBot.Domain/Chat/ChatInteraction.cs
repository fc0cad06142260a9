using System.Text.Json.Nodes;
using ResponseBot.Domain.People;

namespace ResponseBot.Domain.Chat;

/// <summary>
/// Something a member of staff did in chat, already authenticated and stripped of wire details.
/// <see cref="Actor"/> comes from the channel's authenticated identity, never from card data.
/// </summary>
public abstract record ChatInteraction(StaffMember Actor, ChatAddress Address)
{
    /// <summary>Identifies the activity this came in, so a retried one is recognised and not acted on twice.</summary>
    public string? ActivityKey { get; init; }

    public sealed record Installed(StaffMember Actor, ChatAddress Address) : ChatInteraction(Actor, Address);

    public sealed record Uninstalled(StaffMember Actor, ChatAddress Address) : ChatInteraction(Actor, Address);

    /// <summary>The bot was added to (or removed from) a team: <paramref name="Channel"/> is where it can post.</summary>
    public sealed record TeamInstall(StaffMember Actor, ChatAddress Address, TeamChannel Channel, bool Added) : ChatInteraction(Actor, Address);

    public sealed record Message(StaffMember Actor, ChatAddress Address, string Text) : ChatInteraction(Actor, Address);

    /// <summary>A card button: <paramref name="Data"/> is the card's data merged with its inputs. Untrusted.</summary>
    public sealed record CardAction(StaffMember Actor, ChatAddress Address, string Verb, JsonObject Data, bool CanReplaceCard)
        : ChatInteraction(Actor, Address)
    {
        /// <summary>Set when the button was pressed on a card in a team channel (the channel's conversation id).</summary>
        public string? TeamChannelId { get; init; }
    }
}

/// <summary>What to answer right away (only card actions can be answered in the response).</summary>
public abstract record InteractionReply
{
    public static readonly InteractionReply None = new NoReply();

    public sealed record NoReply : InteractionReply;

    public sealed record Card(JsonObject Content) : InteractionReply;

    public sealed record Info(string Text) : InteractionReply;

    public sealed record Error(int Status, string Code, string Message) : InteractionReply;
}
