using NodaTime;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Duty;

/// <summary>Plans and writes a layer changing hands (<see cref="Handovers"/>), for "on call" and shift changes alike.</summary>
public static class HandoverWriter
{
    public static async Task<HandoverPlan> HandOverAsync(IUnitOfWork uow, Layer layer, string? from, string? to, Instant acknowledgeBy,
        Instant now, CancellationToken ct)
    {
        var withoutCard = to is null ? [] : await uow.Cases.WithoutCardForAsync(to, Handovers.CasesFor(layer), ct);
        var plan = Handovers.Plan(layer, from, to, withoutCard);
        await uow.Duty.AnnounceAsync(layer, to, now, ct);
        foreach (var caseId in plan.CardsFor)
            await CaseChanges.WriteAsync(uow, caseId, new CaseEffect.CardTo([plan.To!]), now, ct);
        if (plan.RestartAcknowledgeTimers)
            // Not for a case someone has said "I'm on it" to: its respond-by timer is running, and nobody could stop this one.
            await uow.Timers.StartAsync(await uow.Cases.InStatesAsync(Handovers.AwaitingFirstAction, ct, unacknowledgedOnly: true), EscalationKind.Acknowledge,
                acknowledgeBy, now, ct);
        return plan;
    }
}
