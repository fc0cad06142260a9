using ResponseBot.Domain.Outbox;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Policy;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Delivery;

namespace ResponseBot.Host.Bot;

/// <summary>What the bot does with the words staff type to it (see <see cref="StaffCommands"/>). Answers go through the outbox.</summary>
public sealed class StaffCommandRunner(
    IStaffStore staff, IOutboxStore outbox, CaseViews views, DutyRoster roster, ReplyPolicy policy, RotaViews rotaViews, SwapInteractions swaps, CalendarLinkCommand calendar,
    TimeProvider clock, ILogger<StaffCommandRunner> log)
{
    public async Task RunAsync(StaffMember actor, string text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (StaffCommands.Parse(text))
        {
            case StaffCommands.Command.OnCall:
                var until = Until(await roster.NowAsync(ct), Layer.Primary);
                var change = await staff.GoOnCallAsync(actor, DutyRole.Officer, now, until.At, now + policy.AcknowledgeWithin, c => new OnCallNotices(
                    StaffCommands.OnCallConfirmation(c.CasesQueued, until.Text), StaffCommands.Relieved(actor.Name)), ct);
                log.LogInformation("{StaffId} went on call, relieving {PreviousStaffId}; {Queued} cases queued", actor.Id, change.Previous?.Id, change.CasesQueued);
                break;
            case StaffCommands.Command.OnCallAsManager when !views.IsManager(actor.Id):
                log.LogWarning("{StaffId} tried to go on call as manager but is not a manager", actor.Id);
                await outbox.EnqueueTextAsync(actor.Id, StaffCommands.NotAManager, now, ct);
                break;
            case StaffCommands.Command.OnCallAsManager:
                var managerUntil = Until(await roster.NowAsync(ct), Layer.Manager);
                await staff.GoOnCallAsync(actor, DutyRole.Manager, now, managerUntil.At, now + policy.AcknowledgeWithin, c => new OnCallNotices(
                    StaffCommands.ManagerOnDuty(c.CasesQueued, managerUntil.Text), StaffCommands.RelievedAsManager(actor.Name)), ct);
                break;
            case StaffCommands.Command.OffCall:
                var duty = await roster.NowAsync(ct);
                // What the rota alone says: "off call" ends a takeover, it doesn't rewrite the rota.
                var rotaOnly = duty with { Takeovers = [] };
                var stillRostered = Enum.GetValues<Layer>().Select(rotaOnly.Holder).FirstOrDefault(h => h.StaffId == actor.Id);
                await staff.GoOffCallAsync(actor, now, ended => StaffCommands.OffCall(ended,
                    stillRostered is null ? null : (RotaText.Name(stillRostered.Layer), stillRostered.Until is { } u ? RotaText.Local(u, roster.Zone) : null)), ct);
                break;
            case StaffCommands.Command.WhoIsOnCall:
                await outbox.EnqueueCardAsync(actor.Id, (await rotaViews.WhoIsOnCallAsync(ct)).ToJson(), "Who's on call", now, ct);
                break;
            case StaffCommands.Command.Rota:
                await outbox.EnqueueCardAsync(actor.Id, (await rotaViews.WeekAsync(actor.Id, ct)).ToJson(), "The out-of-hours rota", now, ct);
                break;
            case StaffCommands.Command.CoverMe:
                await swaps.RequestAsync(actor, ct);
                break;
            case StaffCommands.Command.Calendar:
                await calendar.RunAsync(actor, ct);
                break;
            default:
                await outbox.EnqueueTextAsync(actor.Id, StaffCommands.Help, now, ct);
                break;
        }
    }

    // A takeover lasts until the rota's next handoff in the layer, if the layer has a rotation.
    private (DateTimeOffset? At, string? Text) Until(DutyNow duty, Layer layer) =>
        duty.TakeoverUntil(layer) is { } until ? (until.ToDateTimeOffset(), RotaText.Local(until, roster.Zone)) : (null, null);
}
