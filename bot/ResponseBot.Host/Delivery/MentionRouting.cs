using Microsoft.Extensions.Options;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Delivery;

/// <summary>A new case goes to the rota's primary (or whoever took over) and <c>Routing:TeamChannel</c>, if installed.</summary>
public sealed class MentionRouting(ITeamChannelStore channels, IOptions<RoutingOptions> routing, DutyRoster roster, ReplyPolicy policy, IAccountDirectory accounts) : IMentionRouting
{
    public async Task<TeamChannel?> TeamChannelAsync(CancellationToken ct) => routing.Value.TeamChannel switch
    {
        null or "" => null,
        "auto" => await channels.FindAsync(null, ct),
        var id => await channels.FindAsync(id, ct),
    };

    public async Task<CaseRouting> RouteAsync(Mention mention, DateTimeOffset now, CancellationToken ct)
    {
        var duty = await roster.NowAsync(ct);
        IReadOnlyList<string> also = await TeamChannelAsync(ct) is { } channel ? [channel.Recipient] : [];
        // Takeovers are left to the store, which reads them under the routing lock; only the rota's holder is passed.
        var rotaPrimary = duty.Holder(Layer.Primary) is { IsTakeover: false, StaffId: { } id } ? id : null;
        var account = accounts.Find(mention.AccountId);
        var holding = account is not null && HoldingReply.NextCover(account.HoldingReply, duty) is { } next
            ? HoldingReply.Render(account.HoldingReplyText, mention, account, next, roster.Zone)
            : null;
        return new CaseRouting(rotaPrimary, also, now + policy.AcknowledgeWithin) { HoldingReply = holding };
    }
}
