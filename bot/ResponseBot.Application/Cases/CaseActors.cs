using ResponseBot.Application.Duty;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Who someone is for a case, computed once per interaction from the authenticated user, the rota and the case — never
/// from card data — and used for what they may do (<see cref="CaseWorkflow.Decide"/>) and which buttons they get
/// (<see cref="CaseWorkflow.Allowed"/>).
/// </summary>
public static class CaseActors
{
    /// <param name="escalatedTo">Everyone a timer brought this case to.</param>
    /// <param name="inRoutingChannel">Acting from the team channel cases are routed to.</param>
    /// <param name="holders">Everyone who holds a posted copy of the case's card.</param>
    public static ActorContext For(StaffMember who, DutyNow duty, RotaConfig rota, IReadOnlySet<string> escalatedTo, bool inRoutingChannel = false,
        IReadOnlySet<string>? holders = null) =>
        new(who, duty.IsOfficerOnCall(who.Id), rota.IsManager(who.Id))
        {
            WasEscalatedTo = escalatedTo.Contains(who.Id),
            IsStaff = rota.IsStaff(who.Id),
            HoldsCard = holders?.Contains(who.Id) == true,
            IsManagerOnDuty = duty.Holder(Layer.Manager).StaffId == who.Id,
            IsCoordinator = rota.IsCoordinator(who.Id),
            InTeamChannel = inRoutingChannel,
        };

    /// <summary>
    /// The card in a team channel is everyone's, so it is drawn for the channel, not for whoever looks: claimable while
    /// nobody has it, then what its claimer may do (anyone else pressing those buttons is refused).
    /// </summary>
    public static ActorContext Channel(CaseRecord c, string channelRecipient) =>
        new(new StaffMember(c.Claimed?.Id ?? channelRecipient, c.Claimed?.Name ?? "team channel"), IsOfficerOnCall: false, IsManager: false)
        {
            InTeamChannel = true,
        };

    /// <summary>The actor a posted copy of the card is drawn for: its holder, or the channel it sits in.</summary>
    public static ActorContext Holder(string recipient, CaseRecord c, DutyNow duty, RotaConfig rota, IReadOnlySet<string> escalatedTo) =>
        TeamChannel.ConversationOf(recipient) is not null
            ? Channel(c, recipient)
            : For(new StaffMember(recipient, ""), duty, rota, escalatedTo);
}
