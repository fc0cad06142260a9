using ResponseBot.Domain;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Duty;

/// <summary>
/// "on call" (or "on call as manager"): I'm taking over now. Until "off call" or the rota's next handoff in the layer, they
/// hold it; they are handed every open case of the layer they have no card for, whoever they relieved is told, and a new
/// primary restarts the acknowledgement timers of cases nobody has acted on — one unit of work, under the routing lock.
/// </summary>
public sealed class GoOnCall(IUnitOfWorkFactory db, RotaConfig rota, ReplyPolicy policy, TimeProvider clock, ILogger<GoOnCall> log)
{
    public async Task RunAsync(ChatInteraction.Message m, DutyRole role, CancellationToken ct)
    {
        var now = clock.Now();
        var actor = m.Actor;
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        // Only staff may take over: anyone else in an allowed tenant would otherwise get every open case.
        if (!rota.IsStaff(actor.Id))
        {
            log.LogWarning("{StaffId} tried to go on call but is not on the rota or an officer", actor.Id);
            await uow.Log.AppendAsync(new DecisionEntry(null, now, actor.Id, actor.Name, DecisionActions.Refused,
                Detail: JsonSerializer.Serialize(new { command = "on call" }), Reason: "NotStaff"), ct);
            await ChatRequest.TextAsync(uow, actor.Id, StaffCommands.NotStaff, now, ct);
            await uow.CommitAsync(ct);
            return;
        }
        if (role == DutyRole.Manager && !rota.IsManager(actor.Id))
        {
            log.LogWarning("{StaffId} tried to go on call as manager but is not a manager", actor.Id);
            await ChatRequest.TextAsync(uow, actor.Id, StaffCommands.NotAManager, now, ct);
            await uow.CommitAsync(ct);
            return;
        }
        var layer = role.Layer();
        await uow.LockRoutingAsync(ct);
        var duty = await uow.DutyAsync(rota, clock.Now(), ct);
        // A takeover lasts until the rota's next handoff in the layer, if the layer has a rotation.
        var until = duty.TakeoverUntil(layer);
        var untilText = until is { } u ? RotaText.Local(u, rota.Zone) : null;
        // The previous holder is whoever the bot last announced for the layer: a takeover or the rota's.
        var previous = await uow.Duty.AnnouncedAsync(layer, ct);
        await uow.Duty.StartTakeoverAsync(layer, actor.Id, actor.Name, now, until, ct);
        var plan = await HandoverWriter.HandOverAsync(uow, layer, previous, actor.Id, now + policy.AcknowledgeWithin, now, ct);
        if (plan.Changed)
            await uow.Log.AppendAsync(new DecisionEntry(null, now, actor.Id, actor.Name, DecisionActions.WentOnCall,
                Detail: JsonSerializer.Serialize(new { role = role == DutyRole.Manager ? "manager" : "officer", previous, until = until?.ToString() })), ct);
        var queued = plan.CardsFor.Count;
        await ChatRequest.TextAsync(uow, actor.Id, role == DutyRole.Manager ? StaffCommands.ManagerOnDuty(queued, untilText) : StaffCommands.OnCallConfirmation(queued, untilText), now, ct);
        if (plan.Changed && previous is not null)
            await ChatRequest.TextAsync(uow, previous, role == DutyRole.Manager ? StaffCommands.RelievedAsManager(actor.Name) : StaffCommands.Relieved(actor.Name), now, ct);
        await uow.CommitAsync(ct);
        log.LogInformation("{StaffId} went on call ({Layer}), relieving {PreviousStaffId}; {Queued} cases queued", actor.Id, layer, plan.Changed ? previous : null, queued);
    }
}
