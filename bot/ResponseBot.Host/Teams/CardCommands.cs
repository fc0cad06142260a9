using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Host.Teams;

/// <summary>Reads a card action's verb and (untrusted) data into a command. Only ids, versions and typed text are taken from it.</summary>
public static class CardCommands
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
}
