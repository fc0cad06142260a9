using NodaTime;
using ResponseBot.Domain.Elections;
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
    /// <summary>The original single period: still honoured, as one unnamed period covering every account.</summary>
    public DateOnly? PreElectionFrom { get; set; }
    public DateOnly? PreElectionTo { get; set; }
    public ElectionPeriodOptions[] PreElectionPeriods { get; set; } = [];
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
            PreElectionPeriods = Periods().ToList(),
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

    private IEnumerable<ElectionPeriod> Periods()
    {
        if (PreElectionFrom is { } from && PreElectionTo is { } to)
            yield return new ElectionPeriod(null, "", LocalDate.FromDateOnly(from), LocalDate.FromDateOnly(to), []);
        foreach (var o in PreElectionPeriods)
            yield return new ElectionPeriod(null, o.Name?.Trim() ?? "", LocalDate.FromDateOnly(o.From ?? DateOnly.MinValue),
                LocalDate.FromDateOnly(o.To ?? DateOnly.MinValue), o.Accounts);
    }

    /// <summary>Why the configured periods are wrong, or null: the first problem found, named by its setting.</summary>
    public string? PeriodProblem(IReadOnlyCollection<string> accounts)
    {
        if (PreElectionFrom.HasValue != PreElectionTo.HasValue) return "Policy:PreElectionFrom and PreElectionTo go together: set both or neither.";
        if (PreElectionFrom > PreElectionTo) return "Policy:PreElectionTo must be on or after PreElectionFrom.";
        for (var i = 0; i < PreElectionPeriods.Length; i++)
        {
            var o = PreElectionPeriods[i];
            var problem = o.From is null || o.To is null ? "Give it a From and a To date."
                : ElectionPeriods.Problem(new ElectionPeriod(null, o.Name?.Trim() ?? "", LocalDate.FromDateOnly(o.From.Value), LocalDate.FromDateOnly(o.To.Value), o.Accounts), accounts);
            if (problem is not null) return $"Policy:PreElectionPeriods:{i}: {problem}";
        }
        return null;
    }
}

/// <summary><c>Policy:PreElectionPeriods:&lt;n&gt;</c> — a named pre-election period; no <c>Accounts</c> means every account.</summary>
public sealed class ElectionPeriodOptions
{
    public string? Name { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string[] Accounts { get; set; } = [];
}

/// <summary><c>Replies:Templates:&lt;name&gt;</c> — saved replies offered in the card; placeholders {author}, {account}, {cover_until}.</summary>
public sealed class RepliesOptions
{
    public const string Section = "Replies";

    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
