using ResponseBot.Cards;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Delivery;

namespace ResponseBot.Host.Bot;

/// <summary>What the bot does with each thing staff do in Teams. Answers card actions at once with the
/// actor's refreshed card; anything slow (posting replies, other people's cards) is left to the outbox.</summary>
public sealed class BotInteractions(
    ICaseStore cases, IStaffStore staff, ITeamChannelStore channels, MentionRouting routing, IOutboxStore outbox, CaseViews views, ReplyPolicy policy,
    DutyRoster roster, IEscalationStore escalations, StaffCommandRunner commands, RotaInteractions rota, TimeProvider clock, ILogger<BotInteractions> log)
    : IChatInteractionHandler
{
    public async Task<InteractionReply> HandleAsync(ChatInteraction interaction, CancellationToken ct)
    {
        using var _ = log.BeginScope(new Dictionary<string, object?> { ["StaffId"] = interaction.Actor.Id });
        switch (interaction)
        {
            case ChatInteraction.Installed i:
                if (i.Address.ConversationId is not null && await staff.SaveAddressAsync(i.Address, clock.GetUtcNow(), ct))
                    await outbox.EnqueueTextAsync(i.Actor.Id, StaffCommands.Welcome(i.Address.StaffName), clock.GetUtcNow(), ct);
                return InteractionReply.None;
            case ChatInteraction.TeamInstall t:
                await channels.SaveAsync(t.Channel, t.Added, clock.GetUtcNow(), ct);
                log.LogInformation("Bot {Change} team channel {ChannelId}", t.Added ? "added to" : "removed from", t.Channel.ConversationId);
                return InteractionReply.None;
            case ChatInteraction.Uninstalled u:
                await staff.MarkUninstalledAsync(u.Actor.Id, clock.GetUtcNow(), ct);
                return InteractionReply.None;
            case ChatInteraction.Message m:
                await staff.SaveAddressAsync(m.Address, clock.GetUtcNow(), ct);
                await commands.RunAsync(m.Actor, m.Text, ct);
                return InteractionReply.None;
            case ChatInteraction.CardAction a:
                await staff.SaveAddressAsync(a.Address, clock.GetUtcNow(), ct);
                var reply = RotaInteractions.Handles(a.Verb) ? await rota.ActAsync(a, ct) : await ActAsync(a, ct);
                // A rota card answered by Action.Submit (no card replacement there) comes back as a new card.
                if (!a.CanReplaceCard && reply is InteractionReply.Card card && RotaInteractions.Handles(a.Verb))
                    await outbox.EnqueueCardAsync(a.Actor.Id, card.Content, "The out-of-hours rota", clock.GetUtcNow(), ct);
                // Action.Submit can't replace the card: say it in the chat instead (the card itself is PUT by the outbox).
                var message = reply switch { InteractionReply.Info i => i.Text, InteractionReply.Error e => e.Message, _ => null };
                if (!a.CanReplaceCard && message is not null)
                    await outbox.EnqueueTextAsync(a.Actor.Id, message, clock.GetUtcNow(), ct);
                return reply;
            default:
                return InteractionReply.None;
        }
    }

    private async Task<InteractionReply> ActAsync(ChatInteraction.CardAction a, CancellationToken ct)
    {
        if (CardCommands.CaseId(a.Data) is not { } caseId)
            return new InteractionReply.Error(400, "BadRequest", "This card doesn't name a case.");
        var command = CardCommands.Parse(a.Verb, a.Data);
        if (command is null && a.Verb is not (CardVerbs.Refresh or CardVerbs.UseTemplate))
            return new InteractionReply.Error(400, "BadRequest", "This button isn't recognised. The card may be out of date.");
        var current = await cases.GetAsync(caseId, ct);
        if (current is null) return new InteractionReply.Error(404, "NotFound", "This case no longer exists.");
        // A card in a team channel is everyone's: it is rendered as the channel's view, not the presser's.
        var viewer = a.TeamChannelId is { } channelId
            ? await views.ViewerAsync(TeamChannel.RecipientPrefix + channelId, ct)
            : (await views.ViewerAsync(a.Actor.Id, ct)) with { ChannelUserId = a.Address.ChannelUserId };

        // Views that change nothing: a repeated invoke, a refresh, or picking a saved reply.
        if (a.Repeat || a.Verb == CardVerbs.Refresh)
            return await CardAsync(current, viewer, ct);
        if (a.Verb == CardVerbs.UseTemplate)
            return await CardAsync(current, viewer, ct, template: CardCommands.Template(a.Data, CardVerbs.TemplateChoiceInputId));

        if (command is null) return await CardAsync(current, viewer, ct);

        var account = views.AccountFor(current);
        var template = CardCommands.Template(a.Data, CardVerbs.TemplateKey);
        // Officers on call may act, and so may anyone an escalation timer brought the case to.
        var duty = await roster.NowAsync(ct);
        var onCall = DutyRoster.IsOfficerOnCall(duty, a.Actor.Id) || await escalations.WasEscalatedToAsync(caseId, a.Actor.Id, ct);
        var actor = new ActorContext(a.Actor, onCall, views.IsManager(a.Actor.Id))
        {
            // Only the channel cases are routed to counts, proven by the authenticated activity's conversation.
            InTeamChannel = a.TeamChannelId is { } fromChannel && (await routing.TeamChannelAsync(ct))?.ConversationId == fromChannel,
        };
        var context = new WorkflowContext(account, policy, views.Suggestion(current, account, template), views.ManagersToAsk(duty, a.Actor.Id), views.Zone, clock.GetUtcNow());

        switch (CaseWorkflow.Decide(current, actor, command, context))
        {
            case CaseOutcome.Refusal refusal:
                log.LogWarning("Refused {Verb} on case {CaseId} by {StaffId}: {Reason}", a.Verb, caseId, a.Actor.Id, refusal.Reason);
                await cases.LogRefusalAsync(caseId, a.Actor, a.Verb, refusal.Reason.ToString(), clock.GetUtcNow(), ct);
                return refusal.Reason is RefusalReason.NotOnCall or RefusalReason.NotAllowed or RefusalReason.SelfApproval or RefusalReason.NoManager
                    ? new InteractionReply.Info(refusal.Message)
                    : await CardAsync(current, viewer, ct, refusal.Message, template);
            case CaseOutcome.Transition transition:
                var won = await cases.TryApplyAsync(caseId, current.Version, current.State, a.Actor, transition, clock.GetUtcNow(), ct);
                var latest = await cases.GetAsync(caseId, ct) ?? current;
                if (!won)
                {
                    log.LogInformation("{StaffId} lost the race on case {CaseId}", a.Actor.Id, caseId);
                    var lost = CaseWorkflow.Decide(latest, actor, command with { SeenVersion = current.Version }, context) as CaseOutcome.Refusal;
                    return await CardAsync(latest, viewer, ct, lost?.Message ?? "Someone else acted on this case at the same time.");
                }
                log.LogInformation("Case {CaseId}: {Action} by {StaffId} ({From} → {To})", caseId, transition.Log.Action, a.Actor.Id, current.State, transition.After.State);
                return await CardAsync(latest, viewer, ct);
            default:
                throw new InvalidOperationException("Unhandled outcome");
        }
    }

    private async Task<InteractionReply> CardAsync(CaseRecord c, Cards.CardViewer viewer, CancellationToken ct, string? notice = null, string? template = null) =>
        new InteractionReply.Card((await views.RenderAsync(c, viewer, ct, notice, template)).Card);
}
