namespace ResponseBot.Application.Chat;

/// <summary>The words staff can type to the bot, normalised so "On call." and "on  call" both work.</summary>
public static class StaffCommands
{
    public enum Command { Help, OnCall, OnCallAsManager, OffCall, Calendar, WhoIsOnCall, Rota, CoverMe, Open, FindCase, Sources, Contact, Elections, Report, RotaReport, Records }

    /// <summary>"case 42" or "case @handle": which case (or whose) to find.</summary>
    public sealed record CaseLookup(long? Id, string? Handle);

    public static Command Parse(string text)
    {
        var words = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', '!', '?', ' ');
        return words switch
        {
            "on call" or "oncall" or "on-call" => Command.OnCall,
            "on call as manager" or "on-call as manager" or "oncall as manager" => Command.OnCallAsManager,
            "off call" or "offcall" or "off-call" => Command.OffCall,
            "calendar" => Command.Calendar,
            "who's on call" or "who’s on call" or "whos on call" or "who is on call" or "who" => Command.WhoIsOnCall,
            "rota" or "show rota" or "the rota" => Command.Rota,
            "cover me" or "cover my shift" or "swap" => Command.CoverMe,
            "open" or "open cases" or "cases" => Command.Open,
            "sources" or "source health" => Command.Sources,
            "contact" or "contacts" => Command.Contact,
            _ when words.StartsWith("contact ", StringComparison.Ordinal) => Command.Contact,
            "rota report" or "rota hours" => Command.RotaReport,
            _ when words.StartsWith("rota report ", StringComparison.Ordinal) => Command.RotaReport,
            "report" or "reports" => Command.Report,
            _ when words.StartsWith("report ", StringComparison.Ordinal) => Command.Report,
            "elections" or "election" or "pre-election" or "pre-election periods" or "purdah" => Command.Elections,
            "records" or "export" => Command.Records,
            _ when words.StartsWith("records ", StringComparison.Ordinal) || words.StartsWith("export ", StringComparison.Ordinal) => Command.Records,
            _ when Lookup(words) is not null => Command.FindCase,
            _ => Command.Help,
        };
    }

    /// <summary>"case 42", "case #42" or "case @handle"; null for anything else.</summary>
    public static CaseLookup? Lookup(string text)
    {
        var words = string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', '!', '?', ' ');
        if (!words.StartsWith("case ", StringComparison.Ordinal)) return null;
        var what = words[5..].Trim();
        if (long.TryParse(what.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
            return new CaseLookup(id, null);
        var handle = what.TrimStart('@');
        // A handle is one word of letters, digits and the few marks platforms allow; anything else is not a lookup.
        return what.StartsWith('@') && handle.Length is > 0 and <= 100 && handle.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.' or '-')
            ? new CaseLookup(null, handle)
            : null;
    }

    public const string Help =
        "I bring public mentions of your organisation's social accounts to whoever is on call, as cards you can answer in one click.\n\n" +
        "Send \"on call\" to take over now (you'll get every open case), or \"off call\" to stop. " +
        "Send \"who's on call\" to see who holds each layer now and next, \"rota\" for the coming week (coordinators can add cover there), " +
        "\"cover me\" to ask the others on the rota to take your next shift, " +
        "and \"calendar\" for a link that puts your out-of-hours shifts in Outlook. " +
        "Managers can send \"on call as manager\" to take approvals and escalations.";

    public const string NotAManager = "Only managers (listed in Roles:Managers) can go on call as manager.";

    public const string NotStaff = "You're not on the out-of-hours rota, so you can't go on call. " +
        "Ask a rota coordinator to add you, or an administrator to list you in Roles:Officers.";

    public static string ManagerOnDuty(int casesQueued, string? until) => $"You're the manager on duty now{Until(until)}. " + (casesQueued switch
    {
        0 => "Approvals and escalations will come to you here.",
        _ => $"{casesQueued} case(s) waiting for a manager are on their way to you.",
    });

    private static string Until(string? until) => until is null ? "" : $" until {until}, when the rota takes over again";

    public static string RelievedAsManager(string byName) => $"{byName} has taken over as manager on duty.";

    public static string Welcome(string name) => $"Hi{(string.IsNullOrWhiteSpace(name) ? "" : " " + name)}, I'm ResponseBot.\n\n{Help}";

    public static string OnCallConfirmation(int casesQueued, string? until = null) => $"You're on call now{Until(until)}. " + (casesQueued switch
    {
        0 => "New mentions will come to you here.",
        1 => "1 open case is on its way to you.",
        _ => $"{casesQueued} open cases are on their way to you.",
    });

    public static string Relieved(string byName) => $"{byName} has taken over on call. You're off call now.";

    public static string OffCall(bool wasOnCall, (string Layer, string? Until)? rostered = null) => (wasOnCall, rostered) switch
    {
        (_, { } r) => $"{(wasOnCall ? "You're off call. " : "")}The rota still has you as {r.Layer}{(r.Until is null ? "" : " until " + r.Until)}: " +
            "to hand that over, ask a rota coordinator for an override.",
        (true, null) => "You're off call. New mentions go to whoever the rota has on call; if nobody, they are kept until someone sends \"on call\".",
        _ => "You weren't on call, so nothing changed.",
    };
}
