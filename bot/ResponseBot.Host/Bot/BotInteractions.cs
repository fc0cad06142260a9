using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Cards;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Host.Delivery;

namespace ResponseBot.Host.Bot;

/// <summary>What the bot does with each thing staff do in Teams. Answers card actions at once;
/// anything slow (posting replies, updating other cards) is left to the outbox.</summary>
public sealed class BotInteractions(
    ICaseStore cases, IStaffStore staff, IOutboxStore outbox, IAccountDirectory accounts, CaseCardRenderer renderer,
    TimeProvider clock, ILogger<BotInteractions> log) : IChatInteractionHandler
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
            case ChatInteraction.Uninstalled u:
                await staff.MarkUninstalledAsync(u.Actor.Id, clock.GetUtcNow(), ct);
                return InteractionReply.None;
            case ChatInteraction.Message m:
                await staff.SaveAddressAsync(m.Address, clock.GetUtcNow(), ct);
                await RunCommandAsync(m.Actor, m.Text, ct);
                return InteractionReply.None;
            case ChatInteraction.CardAction a:
                await staff.SaveAddressAsync(a.Address, clock.GetUtcNow(), ct);
                var reply = await ActAsync(a, ct);
                // Action.Submit can't replace the card: say it in the chat instead (the card itself is PUT by the outbox).
                var message = reply switch { InteractionReply.Info i => i.Text, InteractionReply.Error e => e.Message, _ => null };
                if (!a.CanReplaceCard && message is not null)
                    await outbox.EnqueueTextAsync(a.Actor.Id, message, clock.GetUtcNow(), ct);
                return reply;
            default:
                return InteractionReply.None;
        }
    }

    private async Task RunCommandAsync(StaffMember actor, string text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (StaffCommands.Parse(text))
        {
            case StaffCommands.Command.OnCall:
                var change = await staff.GoOnCallAsync(actor, now, c => new OnCallNotices(
                    StaffCommands.OnCallConfirmation(c.CasesQueued), StaffCommands.Relieved(actor.Name)), ct);
                log.LogInformation("{StaffId} went on call, relieving {PreviousStaffId}; {Queued} cases queued", actor.Id, change.Previous?.Id, change.CasesQueued);
                break;
            case StaffCommands.Command.OffCall:
                await staff.GoOffCallAsync(actor, now, StaffCommands.OffCall, ct);
                break;
            default:
                await outbox.EnqueueTextAsync(actor.Id, StaffCommands.Help, now, ct);
                break;
        }
    }

    private async Task<InteractionReply> ActAsync(ChatInteraction.CardAction a, CancellationToken ct)
    {
        if (CaseId(a.Data) is not { } caseId)
            return new InteractionReply.Error(400, "BadRequest", "This card doesn't name a case.");
        CaseCommand? command = a.Verb switch
        {
            CardVerbs.Approve => new CaseCommand.Approve(caseId),
            CardVerbs.SendEdited => new CaseCommand.SendEdited(caseId, a.Data[CardVerbs.ReplyTextInputId]?.GetValueKind() == JsonValueKind.String
                ? a.Data[CardVerbs.ReplyTextInputId]!.GetValue<string>() : ""),
            _ => null,
        };
        if (command is null)
            return new InteractionReply.Error(400, "BadRequest", "This button isn't recognised. The card may be out of date.");

        var current = await cases.GetAsync(caseId, ct);
        var account = current is null ? null : accounts.Find(current.Mention.AccountId);
        if (current is null || account is null)
            return new InteractionReply.Error(404, "NotFound", "This case no longer exists.");
        if (a.Repeat)
            return new InteractionReply.Card(renderer.Render(current).Card);

        var onCall = await staff.GetOnCallAsync(ct);
        var decision = CaseRules.Decide(current, account, onCall?.Id == a.Actor.Id, command);
        switch (decision)
        {
            case CaseDecision.Refuse refuse:
                log.LogWarning("Refused {Verb} on case {CaseId} by {StaffId}: {Reason}", a.Verb, caseId, a.Actor.Id, refuse.Reason);
                return refuse.Reason switch
                {
                    RefusalReason.NotOnCall => new InteractionReply.Info(refuse.Message),
                    RefusalReason.AlreadyHandled => new InteractionReply.Card(renderer.Render(current).Card),
                    _ => new InteractionReply.Card(renderer.Render(current, refuse.Message).Card),
                };
            case CaseDecision.Publish publish:
                var won = await cases.TryApproveAsync(caseId, current.Version, a.Actor, publish, clock.GetUtcNow(), ct);
                var latest = await cases.GetAsync(caseId, ct) ?? current;
                if (!won)
                    log.LogInformation("{StaffId} lost the race on case {CaseId} to {WinnerId}", a.Actor.Id, caseId, latest.DecidedById);
                else
                    log.LogInformation("Case {CaseId} {Action} by {StaffId}", caseId, publish.Action, a.Actor.Id);
                return new InteractionReply.Card(renderer.Render(latest, won ? null : CaseRules.AlreadyHandledMessage(latest)).Card);
            default:
                throw new InvalidOperationException($"Unhandled decision {decision.GetType().Name}");
        }
    }

    /// <summary>Card data round-trips through the client: only a positive integer id is accepted.</summary>
    private static long? CaseId(JsonObject data) => data[CardVerbs.CaseIdKey] switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) && n > 0 => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, out var n) && n > 0 => n,
        _ => null,
    };
}
