using ResponseBot.Domain.Policy;

namespace ResponseBot.Host.Composition;

/// <summary><c>Policy:*</c> — when replies need a manager, the undo window, response times, escalation timers.</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromSeconds(30);
    public string[]? RiskyFlags { get; set; }
    public bool EditAddingLinkIsRisky { get; set; } = true;
    public DateOnly? PreElectionFrom { get; set; }
    public DateOnly? PreElectionTo { get; set; }
    public TimeSpan RespondWithin { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan RespondWithinEmergency { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan ApproveWithin { get; set; } = TimeSpan.FromMinutes(15);
    public int EscalationRounds { get; set; } = 2;

    public ReplyPolicy ToPolicy()
    {
        var policy = new ReplyPolicy
        {
            UndoWindow = UndoWindow, EditAddingLinkIsRisky = EditAddingLinkIsRisky, PreElectionFrom = PreElectionFrom, PreElectionTo = PreElectionTo,
            RespondWithin = RespondWithin, RespondWithinEmergency = RespondWithinEmergency,
            AcknowledgeWithin = AcknowledgeWithin, ApproveWithin = ApproveWithin, EscalationRounds = EscalationRounds,
        };
        return RiskyFlags is null ? policy : policy with { RiskyFlags = RiskyFlags.ToHashSet(StringComparer.OrdinalIgnoreCase) };
    }
}

/// <summary><c>Roles:Managers</c> — who may approve, reject and act on escalations (until the rota supplies them).</summary>
public sealed class RolesOptions
{
    public const string Section = "Roles";

    /// <summary>Entra aadObjectIds of managers. Only they can go "on call as manager".</summary>
    public string[] Managers { get; set; } = [];

    public bool IsManager(string staffId) => Managers.Contains(staffId, StringComparer.OrdinalIgnoreCase);
}

/// <summary><c>Replies:Templates:&lt;name&gt;</c> — saved replies offered in the card; placeholders {author}, {account}, {cover_until}.</summary>
public sealed class RepliesOptions
{
    public const string Section = "Replies";

    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
