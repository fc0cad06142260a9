using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Duty;

/// <summary>
/// "off call": ends the person's takeovers. The layers they held by takeover have nobody announced now, so the shift-change
/// job hands each to the rota's holder; a layer the rota itself gives them stays theirs, and they are told whom to ask.
/// </summary>
public sealed class GoOffCall(IUnitOfWorkFactory db, RotaConfig rota, TimeProvider clock, ILogger<GoOffCall> log)
{
    public async Task RunAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        var actor = m.Actor;
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        await uow.LockRoutingAsync(ct);
        // What the rota alone says: "off call" ends a takeover, it doesn't rewrite the rota.
        var rotaOnly = new DutyNow(await uow.PlanAroundAsync(rota, clock.Now(), ct), [], clock.Now());
        var stillRostered = Enum.GetValues<Layer>().Select(rotaOnly.Holder).FirstOrDefault(h => h.StaffId == actor.Id);
        var ended = await uow.Duty.EndTakeoversAsync(actor.Id, now, ct);
        await uow.Duty.ClearAnnouncedAsync(actor.Id, ended, now, ct);
        if (ended.Count > 0)
            await uow.Log.AppendAsync(new DecisionEntry(null, now, actor.Id, actor.Name, DecisionActions.WentOffCall), ct);
        await ChatRequest.TextAsync(uow, actor.Id, StaffCommands.OffCall(ended.Count > 0,
            stillRostered is null ? null : (RotaText.Name(stillRostered.Layer), stillRostered.Until is { } u ? RotaText.Local(u, rota.Zone) : null)), now, ct);
        await uow.CommitAsync(ct);
        log.LogInformation("{StaffId} went off call ({Layers} takeovers ended)", actor.Id, ended.Count);
    }
}
