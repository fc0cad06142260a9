using ResponseBot.Domain;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Duty;

/// <summary>
/// A shift end and a shift start, in one unit of work under the routing lock: each layer whose holder differs from the one
/// last announced is handed to the new holder (told until when, given the open cases), and the outgoing one is told who
/// took over. Comparing states (not counting boundaries) means a restart or a missed run announces each handover once.
/// </summary>
public sealed class HandOverShift(IUnitOfWorkFactory db, RotaConfig rota, ReplyPolicy policy, TimeProvider clock, ILogger<HandOverShift> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        await uow.LockRoutingAsync(ct);
        var duty = await uow.DutyAsync(rota, clock.Now(), ct);
        var holders = Enum.GetValues<Layer>().Select(duty.Holder).ToList();
        var names = await uow.Staff.NamesAsync(holders.Select(h => h.StaffId).OfType<string>(), ct);
        foreach (var holder in holders)
        {
            var from = await uow.Duty.AnnouncedAsync(holder.Layer, ct);
            if (from == holder.StaffId) continue;
            var plan = await HandoverWriter.HandOverAsync(uow, holder.Layer, from, holder.StaffId, now + policy.AcknowledgeWithin, now, ct);
            var open = (await uow.Cases.InStatesAsync(Handovers.CasesFor(holder.Layer), ct)).Count;
            var handover = new Handover(holder.Layer, from, holder.StaffId, open);
            var text = HandoverText.For(handover, holder, id => names.GetValueOrDefault(id, id), rota.Zone);
            if (plan.To is { } to && text.ToIncoming is { } incoming) await ChatRequest.TextAsync(uow, to, incoming, now, ct);
            if (from is not null && text.ToOutgoing is { } outgoing) await ChatRequest.TextAsync(uow, from, outgoing, now, ct);
            await uow.Log.AppendAsync(DecisionEntry.System(null, now, DecisionActions.ShiftChanged,
                JsonSerializer.Serialize(new { layer = holder.Layer.ToString(), from, to = holder.StaffId, openCases = open })), ct);
            log.LogInformation("Shift change in {Layer}: {From} → {To}, {OpenCases} open cases", holder.Layer, from, holder.StaffId, open);
        }
        await uow.CommitAsync(ct);
    }
}
