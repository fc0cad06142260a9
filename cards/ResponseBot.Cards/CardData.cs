using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Elections;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Cards;

/// <summary>
/// Reads what a pressed button sent back — its verb and the card's (untrusted) data merged with its inputs — into commands.
/// Only ids, versions, names and typed text are taken from it; who may do what is never read from a card.
/// </summary>
public static class CardData
{
    public static long? CaseId(JsonObject data) => Number(data[CardVerbs.CaseIdKey]);

    public static CaseCommand? Parse(string verb, JsonObject data)
    {
        if (CaseId(data) is not { } id) return null;
        var seen = Number(data[CardVerbs.VersionKey]) is { } v and < int.MaxValue ? (int?)v : null;
        string Text(string key) => data[key]?.GetValueKind() == JsonValueKind.String ? data[key]!.GetValue<string>() : "";
        return verb switch
        {
            CardVerbs.Approve => new CaseCommand.Approve(id, seen),
            CardVerbs.SendEdited => new CaseCommand.SendEdited(id, seen, Text(CardVerbs.ReplyTextInputId)),
            CardVerbs.Escalate => new CaseCommand.Escalate(id, seen, Text(CardVerbs.EscalateReasonInputId)),
            CardVerbs.Dismiss => new CaseCommand.Dismiss(id, seen, Text(CardVerbs.DismissReasonInputId)),
            CardVerbs.Claim => new CaseCommand.Claim(id, seen),
            CardVerbs.ManagerApprove => new CaseCommand.ManagerApprove(id, seen),
            CardVerbs.ManagerEditApprove => new CaseCommand.ManagerEditApprove(id, seen, Text(CardVerbs.ManagerReplyTextInputId)),
            CardVerbs.Reject => new CaseCommand.Reject(id, seen, Text(CardVerbs.RejectReasonInputId)),
            CardVerbs.Undo => new CaseCommand.Undo(id, seen),
            CardVerbs.Retry => new CaseCommand.Retry(id, seen),
            CardVerbs.Acknowledge => new CaseCommand.Acknowledge(id, seen),
            // An unreadable length is no length: the workflow refuses it with the choices there are.
            CardVerbs.Snooze => new CaseCommand.Snooze(id, seen, Number(data[CardVerbs.SnoozeMinutesInputId]) is { } m and <= 24 * 60 ? (int)m : 0),
            CardVerbs.Hide => new CaseCommand.Hide(id, seen, Text(CardVerbs.HideReasonInputId)),
            CardVerbs.Unhide => new CaseCommand.Unhide(id, seen),
            _ => null,
        };
    }

    public static string? Template(JsonObject data, string key) =>
        data[key]?.GetValueKind() == JsonValueKind.String ? data[key]!.GetValue<string>() : null;

    public static long? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) && n > 0 => n,
        JsonValue v when v.TryGetValue<int>(out var n) && n > 0 => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, out var n) && n > 0 => n,
        _ => null,
    };

    /// <summary>A coordinator's override form; a change's inputs carry the override's id as a suffix.</summary>
    public static OverrideForm OverrideForm(JsonObject data, long? overrideId)
    {
        var suffix = overrideId is null ? "" : $"-{overrideId}";
        string? Text(string key) => data[key + suffix] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return new OverrideForm(Text(CardVerbs.OverrideLayerInputId), Text(CardVerbs.OverrideStaffInputId), Text(CardVerbs.OverrideStartDateInputId),
            Text(CardVerbs.OverrideStartTimeInputId), Text(CardVerbs.OverrideEndDateInputId), Text(CardVerbs.OverrideEndTimeInputId));
    }

    /// <summary>A manager's pre-election period form; a change's inputs carry the period's id as a suffix.</summary>
    public static ElectionForm ElectionForm(JsonObject data, long? electionId)
    {
        var suffix = electionId is null ? "" : $"-{electionId}";
        string? Text(string key) => data[key + suffix] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return new ElectionForm(Text(CardVerbs.ElectionNameInputId), Text(CardVerbs.ElectionFromInputId), Text(CardVerbs.ElectionToInputId),
            Text(CardVerbs.ElectionScopeInputId));
    }

    public static Guid? SwapId(JsonObject data) => Guid.TryParse(data[CardVerbs.SwapIdKey]?.ToString(), out var id) ? id : null;

    public static SwapCommand? SwapCommand(string verb) => verb switch
    {
        CardVerbs.TakeSwap => new SwapCommand.Take(),
        CardVerbs.ApproveSwap => new SwapCommand.Approve(),
        CardVerbs.DeclineSwap => new SwapCommand.Decline(),
        _ => null,
    };
}
