using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Domain.Cases;

/// <summary>What is known about a new mention beyond its text when deciding where it goes.</summary>
/// <param name="Flags">Its triage flags.</param>
/// <param name="LastHoldingReplyToAuthor">When this author last got a holding reply from the account, if ever.</param>
/// <param name="PreElection">A pre-election period covers the account today.</param>
/// <param name="InStorm">It joined a storm of near-duplicates: the storm's own statement answers it, if anything does.</param>
public sealed record RoutingFacts(IReadOnlyList<string> Flags, Instant? LastHoldingReplyToAuthor = null, bool PreElection = false, bool InStorm = false)
{
    /// <summary>What the triage rules made of it: who else they route it to, and its language.</summary>
    public TriageOutcome? Triage { get; init; }
}

/// <summary>
/// Where a new case goes: whoever holds the primary layer now (an "on call" takeover wins over the rota), the team channel
/// cases are routed to, if any, and whoever the triage rules add — and for an emergency the secondary and the manager on duty
/// too, at once, with a shorter acknowledge time; when to escalate if nobody acts; and the holding reply, if the account wants
/// one and it is safe to send.
/// </summary>
public sealed record CaseRouting(IReadOnlyList<string> Recipients, Instant AcknowledgeBy, string? HoldingReply)
{
    /// <summary>Mentions a human must see before anything is said in public under the organisation's name.</summary>
    private static readonly string[] NoAutomaticReply = [Flags.Political, Flags.Media, Flags.Abuse];

    public static CaseRouting For(Mention mention, DutyNow duty, string? teamChannel, Account? account, ReplyPolicy policy, Instant now, RoutingFacts facts)
    {
        var emergency = facts.Flags.Contains(Flags.Emergency);
        var layers = emergency ? new[] { Layer.Primary, Layer.Secondary, Layer.Manager } : [Layer.Primary];
        var recipients = layers.Select(l => duty.Holder(l).StaffId).Append(teamChannel).Concat(RoutedBy(facts.Triage, duty)).OfType<string>().Distinct().ToList();
        var holding = account is not null && Holding(account, policy, facts, now) is { } template
            && Replies.HoldingReply.NextCover(account.HoldingReply, duty) is { } next
            ? Replies.HoldingReply.Render(template, mention, account, next, duty.Plan.Zone, facts.PreElection ? null : facts.Triage?.Language)
            : null;
        return new CaseRouting(recipients, now + (emergency ? policy.AcknowledgeWithinEmergency : policy.AcknowledgeWithin), holding);
    }

    /// <summary>The holding reply's template, or null when one must not go out: see <see cref="NoAutomaticReply"/>, a storm, a
    /// pre-election period without a neutral template, or this author already told within the policy's window.</summary>
    public static string? Holding(Account account, ReplyPolicy policy, RoutingFacts facts, Instant now)
    {
        if (facts.InStorm || facts.Flags.Any(NoAutomaticReply.Contains)) return null;
        if (facts.LastHoldingReplyToAuthor is { } last && now - last < policy.HoldingReplyPerAuthor) return null;
        if (facts.PreElection) return policy.PreElectionHoldingReply;
        return account.HoldingReplyText ?? Replies.HoldingReply.DefaultText;
    }

    // A rule's layer means whoever holds it now (nobody: nothing added); a channel route is already a recipient.
    private static IEnumerable<string?> RoutedBy(TriageOutcome? triage, DutyNow duty) =>
        (triage?.Routes ?? []).Select(r => TriageRules.Route.Layer(r) is { } layer ? duty.Holder(layer).StaffId : r);
}
