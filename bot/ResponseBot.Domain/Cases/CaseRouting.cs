using NodaTime;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Domain.Cases;

/// <summary>
/// Where a new case goes: whoever holds the primary layer now (an "on call" takeover wins over the rota), and the
/// team channel cases are routed to, if any; when to escalate if nobody acts; and the holding reply, if the account wants one.
/// </summary>
public sealed record CaseRouting(IReadOnlyList<string> Recipients, Instant AcknowledgeBy, string? HoldingReply)
{
    public static CaseRouting For(Mention mention, DutyNow duty, string? teamChannel, Account? account, ReplyPolicy policy, Instant now)
    {
        var recipients = new[] { duty.Holder(Layer.Primary).StaffId, teamChannel }.OfType<string>().Distinct().ToList();
        var holding = account is not null && Replies.HoldingReply.NextCover(account.HoldingReply, duty) is { } next
            ? Replies.HoldingReply.Render(account.HoldingReplyText, mention, account, next, duty.Plan.Zone)
            : null;
        return new CaseRouting(recipients, now + policy.AcknowledgeWithin, holding);
    }
}
