using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Elections;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Domain.Policy;

/// <summary>When a reply needs a second person, how long the undo window is, and how fast to respond.</summary>
public sealed record ReplyPolicy
{
    public Duration UndoWindow { get; init; } = Duration.FromSeconds(30);
    public IReadOnlySet<string> RiskyFlags { get; init; } = new HashSet<string> { Flags.Political, Flags.Media, Flags.PersonalData, Flags.Abuse };
    /// <summary>A reply that adds a link the suggestion didn't have needs approval.</summary>
    public bool EditAddingLinkIsRisky { get; init; } = true;
    /// <summary>Pre-election periods ("purdah") set in configuration; managers add more from Teams. Each use case that decides
    /// gathers these and the stored ones, and passes the period covering the account today into the decision.</summary>
    public IReadOnlyList<ElectionPeriod> PreElectionPeriods { get; init; } = [];
    public Duration RespondWithin { get; init; } = Duration.FromHours(1);
    public Duration RespondWithinEmergency { get; init; } = Duration.FromMinutes(15);
    /// <summary>How long a new case may go without anyone acting before the next person on the rota is asked.</summary>
    public Duration AcknowledgeWithin { get; init; } = Duration.FromMinutes(15);
    /// <summary>The same for an emergency, which goes to the primary, the secondary and the manager on duty at once.</summary>
    public Duration AcknowledgeWithinEmergency { get; init; } = Duration.FromMinutes(5);
    /// <summary>At most one holding reply per author in this long: a second would read as a bot talking to itself.</summary>
    public Duration HoldingReplyPerAuthor { get; init; } = Duration.FromHours(24);
    /// <summary>The holding reply during a pre-election period (neutral, checked by the organisation); none is sent without one.</summary>
    public string? PreElectionHoldingReply { get; init; }
    /// <summary>How long a risky reply may wait for approval before the next manager is asked.</summary>
    public Duration ApproveWithin { get; init; } = Duration.FromMinutes(15);
    /// <summary>A manager's edit of a risky reply makes them its author, so another manager approves it. Off: a manager may
    /// edit and approve in one step (then the log shows the manager as approver of their own words).</summary>
    public bool ManagerEditsNeedSecondManager { get; init; } = true;
    /// <summary>How many times an escalation chain is walked before giving up (the decision log shows it).</summary>
    public int EscalationRounds { get; init; } = 2;
    /// <summary>The longest snooze offered; the card offers 15, 30 and 60 minutes up to this.</summary>
    public Duration MaxSnooze { get; init; } = Duration.FromHours(1);

    /// <summary>Only a manager may hide a mention on the platform; off, the officer acting on the case may too.</summary>
    public bool HideNeedsManager { get; init; }

    public static readonly IReadOnlyList<int> SnoozeMinutes = [15, 30, 60];

    /// <summary>The snoozes the card offers: never an emergency, never longer than <see cref="MaxSnooze"/>.</summary>
    public IReadOnlyList<int> SnoozeChoices(CaseRecord c) =>
        c.Flags.Contains(Flags.Emergency) ? [] : SnoozeMinutes.Where(m => Duration.FromMinutes(m) <= MaxSnooze).ToList();

    /// <summary>An emergency, or a mention an urgent rule matched, is answered within the emergency response time.</summary>
    public Instant RespondBy(Instant receivedAt, TriageOutcome triage) =>
        receivedAt + (triage.IsUrgent ? RespondWithinEmergency : RespondWithin);

    /// <summary>Why this reply needs a manager's approval, or null when it doesn't. <paramref name="preElection"/>: the
    /// pre-election period covering the case's account today, if any.</summary>
    public string? WhyRisky(CaseRecord c, Account account, string reply, string suggestion, ElectionPeriod? preElection)
    {
        if (account.RequiresApproval) return $"replies from {account.PostedAs} always need approval";
        if (preElection is not null) return preElection.Reason;
        if (c.Flags.FirstOrDefault(RiskyFlags.Contains) is { } flag) return $"the mention is flagged {flag}";
        // Any link the suggestion didn't have, bare domains included: a second person checks where it goes.
        if (EditAddingLinkIsRisky && !Flags.LinksIn(reply).IsSubsetOf(Flags.LinksIn(suggestion))) return "the reply adds a link";
        return null;
    }
}
