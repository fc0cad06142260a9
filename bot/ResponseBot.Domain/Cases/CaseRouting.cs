using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Domain.Cases;

/// <summary>
/// Where a new case goes: whoever holds the primary layer now (an "on call" takeover wins over the rota), and the
/// team channel cases are routed to, if any, and whoever the triage rules add; when to escalate if nobody acts; and the holding reply, if the account wants one.
/// </summary>
public sealed record CaseRouting(IReadOnlyList<string> Recipients, Instant AcknowledgeBy, string? HoldingReply)
{
    /// <param name="triage">Who else the triage rules send it to, and its language (for the holding reply).</param>
    public static CaseRouting For(Mention mention, DutyNow duty, string? teamChannel, Account? account, ReplyPolicy policy, Instant now,
        TriageOutcome? triage = null)
    {
        var recipients = new[] { duty.Holder(Layer.Primary).StaffId, teamChannel }.Concat(RoutedBy(triage, duty)).OfType<string>().Distinct().ToList();
        var holding = account is not null && Replies.HoldingReply.NextCover(account.HoldingReply, duty) is { } next
            ? Replies.HoldingReply.Render(account.HoldingReplyText, mention, account, next, duty.Plan.Zone, triage?.Language)
            : null;
        return new CaseRouting(recipients, now + policy.AcknowledgeWithin, holding);
    }

    // A rule's layer means whoever holds it now (nobody: nothing added); a channel route is already a recipient.
    private static IEnumerable<string?> RoutedBy(TriageOutcome? triage, DutyNow duty) =>
        (triage?.Routes ?? []).Select(r => TriageRules.Route.Layer(r) is { } layer ? duty.Holder(layer).StaffId : r);
}
