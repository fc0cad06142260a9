using Microsoft.Extensions.Logging;
using Quartz;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Jobs.Duty;

/// <summary>
/// Every minute: compares who holds each layer now with who the bot last announced. A change is a shift
/// end and a shift start in one transaction: the incoming person is told until when and handed the open
/// cases, the outgoing one is told who took over. Comparing states (not counting boundaries) means a
/// restart or a missed minute announces each handover once, never a backlog of stale ones.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ShiftChangeJob(IDutyStateStore state, DutyRoster roster, IStaffStore staff, ReplyPolicy policy, TimeProvider clock, ILogger<ShiftChangeJob> log) : IJob
{
    public const string Name = "shift-change";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var duty = await roster.NowAsync(cancellationToken);
        var holders = Enum.GetValues<Layer>().Select(duty.Holder).ToList();
        var names = await staff.NamesAsync(holders.Select(h => h.StaffId).OfType<string>(), cancellationToken);
        foreach (var holder in holders)
        {
            var handover = await state.TryHandOverAsync(holder.Layer, holder.StaffId, clock.GetUtcNow(), clock.GetUtcNow() + policy.AcknowledgeWithin,
                h => HandoverText.For(h, holder, id => names.GetValueOrDefault(id, id), roster.Zone), cancellationToken);
            if (handover is not null)
                log.LogInformation("Shift change in {Layer}: {From} → {To}, {OpenCases} open cases", handover.Layer, handover.From, handover.To, handover.OpenCases);
        }
    }
}
