using NodaTime;
using ResponseBot.Domain.Policy;

namespace ResponseBot.Host.Cases;

/// <summary>
/// <c>Policy:*</c> — when replies need a manager, the undo window, response times, escalation timers. Only what is set here
/// changes: every default is <see cref="ReplyPolicy"/>'s own. Written as configuration writes times (00:00:30, 2026-05-07),
/// turned into the policy's own types once, here.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    public TimeSpan? UndoWindow { get; set; }
    public string[]? RiskyFlags { get; set; }
    public bool? EditAddingLinkIsRisky { get; set; }
    public DateOnly? PreElectionFrom { get; set; }
    public DateOnly? PreElectionTo { get; set; }
    public TimeSpan? RespondWithin { get; set; }
    public TimeSpan? RespondWithinEmergency { get; set; }
    public TimeSpan? AcknowledgeWithin { get; set; }
    public TimeSpan? ApproveWithin { get; set; }
    public int? EscalationRounds { get; set; }
    public bool? ManagerEditsNeedSecondManager { get; set; }
    public TimeSpan? MaxSnooze { get; set; }
    public bool? HideNeedsManager { get; set; }
    public TimeSpan? AcknowledgeWithinEmergency { get; set; }
    public TimeSpan? HoldingReplyPerAuthor { get; set; }
    public string? PreElectionHoldingReply { get; set; }

    public ReplyPolicy ToPolicy()
    {
        var p = new ReplyPolicy();
        return p with
        {
            UndoWindow = UndoWindow is { } undoWindow ? Duration.FromTimeSpan(undoWindow) : p.UndoWindow,
            RiskyFlags = RiskyFlags?.ToHashSet(StringComparer.OrdinalIgnoreCase) ?? p.RiskyFlags,
            EditAddingLinkIsRisky = EditAddingLinkIsRisky ?? p.EditAddingLinkIsRisky,
            PreElectionFrom = PreElectionFrom is { } from ? LocalDate.FromDateOnly(from) : p.PreElectionFrom,
            PreElectionTo = PreElectionTo is { } to ? LocalDate.FromDateOnly(to) : p.PreElectionTo,
            RespondWithin = RespondWithin is { } respondWithin ? Duration.FromTimeSpan(respondWithin) : p.RespondWithin,
            RespondWithinEmergency = RespondWithinEmergency is { } respondWithinEmergency ? Duration.FromTimeSpan(respondWithinEmergency) : p.RespondWithinEmergency,
            AcknowledgeWithin = AcknowledgeWithin is { } acknowledgeWithin ? Duration.FromTimeSpan(acknowledgeWithin) : p.AcknowledgeWithin,
            ApproveWithin = ApproveWithin is { } approveWithin ? Duration.FromTimeSpan(approveWithin) : p.ApproveWithin,
            EscalationRounds = EscalationRounds ?? p.EscalationRounds,
            ManagerEditsNeedSecondManager = ManagerEditsNeedSecondManager ?? p.ManagerEditsNeedSecondManager,
            MaxSnooze = MaxSnooze is { } maxSnooze ? Duration.FromTimeSpan(maxSnooze) : p.MaxSnooze,
            HideNeedsManager = HideNeedsManager ?? p.HideNeedsManager,
            AcknowledgeWithinEmergency = AcknowledgeWithinEmergency is { } ackEmergency ? Duration.FromTimeSpan(ackEmergency) : p.AcknowledgeWithinEmergency,
            HoldingReplyPerAuthor = HoldingReplyPerAuthor is { } perAuthor ? Duration.FromTimeSpan(perAuthor) : p.HoldingReplyPerAuthor,
            PreElectionHoldingReply = PreElectionHoldingReply ?? p.PreElectionHoldingReply,
        };
    }
}

/// <summary><c>Replies:Templates:&lt;name&gt;</c> — saved replies offered in the card; placeholders {author}, {account}, {cover_until}.</summary>
public sealed class RepliesOptions
{
    public const string Section = "Replies";

    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
