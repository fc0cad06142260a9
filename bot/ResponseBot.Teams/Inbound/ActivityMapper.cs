using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Teams.Inbound;

/// <summary>The result of reading an activity: an interaction, nothing to do, or a refusal with a status.</summary>
public abstract record MappedActivity
{
    public sealed record Interaction(ChatInteraction Value) : MappedActivity;

    public sealed record Ignored : MappedActivity;

    public sealed record NotSupported(int Status, string Reason) : MappedActivity;
}

/// <summary>Turns a Teams activity into a neutral <see cref="ChatInteraction"/>; the only place that knows the wire shape.</summary>
public static partial class ActivityMapper
{
    public const string TeamsChannel = "msteams";

    public static string? Validate(Activity a)
    {
        if (string.IsNullOrWhiteSpace(a.Type)) return "activity type is missing";
        if (string.IsNullOrWhiteSpace(a.ChannelId)) return "channelId is missing";
        if (!Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out var service) || (service.Scheme != "https" && service.Scheme != "http"))
            return "serviceUrl is missing or not an absolute http(s) URL";
        if (string.IsNullOrWhiteSpace(a.Conversation?.Id)) return "conversation.id is missing";
        if (string.IsNullOrWhiteSpace(a.From?.Id)) return "from.id is missing";
        if (a.Type == ActivityTypes.Invoke && string.IsNullOrWhiteSpace(a.Name)) return "invoke activity has no name";
        return null;
    }

    /// <summary>
    /// Why an authenticated activity is still not accepted, or null. Asked after authentication, so an unauthenticated
    /// caller learns nothing from it.
    /// </summary>
    public static string? Refuse(Activity a)
    {
        // Only Teams speaks: Web Chat and Direct Line reach the same bot registration but carry no Entra identity.
        if (a.ChannelId != TeamsChannel) return $"channelId '{a.ChannelId}' is not accepted: only Microsoft Teams ({TeamsChannel}) may talk to this bot";
        // Who someone is comes only from their Entra object id: an activity a person sent without one is nobody's.
        if (a.Type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.InstallationUpdate && string.IsNullOrWhiteSpace(a.From!.AadObjectId))
            return "from.aadObjectId is missing";
        if (a.Conversation!.TenantId is { Length: > 0 } conversationTenant && a.ChannelDataTenantId is { Length: > 0 } dataTenant
            && !string.Equals(conversationTenant, dataTenant, StringComparison.OrdinalIgnoreCase))
            return "conversation.tenantId and channelData.tenant.id disagree";
        return null;
    }

    public static MappedActivity Map(Activity a)
    {
        var actor = new StaffMember(StaffIds.Normalise(a.From!.AadObjectId ?? a.From.Id!), string.IsNullOrWhiteSpace(a.From.Name) ? "Unknown user" : a.From.Name);
        // Only a conversation Teams says is personal is the person's own chat: a missing type is not taken as one.
        var personal = a.Conversation!.ConversationType == "personal";
        // Install events may carry no display name: the address keeps it empty rather than a placeholder.
        var address = new ChatAddress(actor.Id, a.From.Name?.Trim() ?? "", a.From.Id!, a.TenantId ?? "", a.ServiceUrl!, a.Recipient?.Id ?? "",
            personal ? a.Conversation.Id : null);

        if (a.Conversation.ConversationType == "channel" && TeamInstall(a, actor, address) is { } teamInstall)
            return teamInstall;

        switch (a.Type)
        {
            case ActivityTypes.InstallationUpdate:
                return a.Action switch
                {
                    "add" or "add-upgrade" => Wrap(new ChatInteraction.Installed(actor, address)),
                    "remove" => Wrap(new ChatInteraction.Uninstalled(actor, address)),
                    _ => new MappedActivity.Ignored(),
                };
            case ActivityTypes.ConversationUpdate:
                var botAdded = a.MembersAdded?.Any(m => m.Id == a.Recipient?.Id) == true;
                return botAdded && personal ? Wrap(new ChatInteraction.Installed(actor, address)) : new MappedActivity.Ignored();
            case ActivityTypes.Message:
                // Action.Submit (and the Execute fallback on older clients) arrives as a message carrying value.
                // A command button: read as the words it names, as if typed.
                if (string.IsNullOrWhiteSpace(a.Text) && CommandWords(a.Value) is { } words)
                    return Wrap(new ChatInteraction.Message(actor, address, CleanText(words)));
                if (a.Value is { ValueKind: JsonValueKind.Object } submitted)
                {
                    var data = JsonNode.Parse(submitted.GetRawText())!.AsObject();
                    var verb = data["verb"]?.GetValueKind() == JsonValueKind.String ? data["verb"]!.GetValue<string>() : "";
                    return Wrap(new ChatInteraction.CardAction(actor, address, verb, data, CanReplaceCard: false) { TeamChannelId = ChannelOf(a) });
                }
                return Wrap(new ChatInteraction.Message(actor, address, CleanText(a.Text)));
            case ActivityTypes.Invoke when a.Name == ActivityTypes.AdaptiveCardAction:
                return MapExecute(a, actor, address);
            case ActivityTypes.Invoke:
                return new MappedActivity.NotSupported(501, $"invoke '{a.Name}' is not supported");
            default:
                return new MappedActivity.Ignored();
        }
    }

    // A command button's words: ours carry them in "command"; Teams' imBack and messageBack in msteams.value and msteams.text.
    private static string? CommandWords(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v) return null;
        if (v.TryGetProperty("command", out var command) && command.ValueKind == JsonValueKind.String) return command.GetString();
        if (!v.TryGetProperty("msteams", out var ms) || ms.ValueKind != JsonValueKind.Object
            || !ms.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return null;
        var key = type.GetString() switch { "imBack" => "value", "messageBack" => "text", _ => null };
        return key is not null && ms.TryGetProperty(key, out var words) && words.ValueKind == JsonValueKind.String ? words.GetString() : null;
    }

    private static MappedActivity MapExecute(Activity a, StaffMember actor, ChatAddress address)
    {
        if (a.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            return new MappedActivity.NotSupported(400, "adaptiveCard/action has no value.action");
        if (!action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
            return new MappedActivity.NotSupported(400, "only Action.Execute is supported");
        var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(d.GetRawText())!.AsObject()
            : new JsonObject();
        return Wrap(new ChatInteraction.CardAction(actor, address, verb, data, CanReplaceCard: true) { TeamChannelId = ChannelOf(a) });
    }

    /// <summary>The channel itself, without a thread's ";messageid=…": new posts go to the channel.</summary>
    private static string? ChannelOf(Activity a) =>
        a.Conversation?.ConversationType == "channel" ? a.Conversation.Id!.Split(";messageid=", 2)[0] : null;

    private static MappedActivity? TeamInstall(Activity a, StaffMember actor, ChatAddress address)
    {
        bool? installed = a.Type switch
        {
            ActivityTypes.InstallationUpdate => a.Action switch { "add" or "add-upgrade" => true, "remove" => false, _ => null },
            ActivityTypes.ConversationUpdate when a.MembersAdded?.Any(m => m.Id == a.Recipient?.Id) == true => true,
            ActivityTypes.ConversationUpdate when a.MembersRemoved?.Any(m => m.Id == a.Recipient?.Id) == true => false,
            _ => null,
        };
        if (installed is null) return null;
        var team = a.ChannelData is { ValueKind: JsonValueKind.Object } cd && cd.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        string? Str(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var channel = new TeamChannel(ChannelOf(a)!, Str(team, "id"), Str(team, "name"), address.TenantId, address.ServiceUrl, address.BotId);
        return Wrap(new ChatInteraction.TeamInstall(actor, address, channel, installed.Value));
    }

    /// <summary>Drops &lt;at&gt;mentions&lt;/at&gt; (the bot's own name in channels) and surrounding space.</summary>
    public static string CleanText(string? text) => AtMention().Replace(text ?? "", " ").Trim();

    private static MappedActivity Wrap(ChatInteraction interaction) => new MappedActivity.Interaction(interaction);

    [GeneratedRegex("<at[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtMention();
}
