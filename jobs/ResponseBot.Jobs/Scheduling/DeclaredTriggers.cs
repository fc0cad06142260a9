using Microsoft.Extensions.Logging;
using Quartz;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>
/// The triggers this host's configuration declares, put in the store every instance shares without disturbing one already
/// there. Replacing a stored trigger at every start (Quartz's default for declared triggers) let an instance joining the
/// cluster reset a trigger another instance had already taken for its next fire time, so both could fire it. A stored
/// trigger is left as it is (with its firing history: a run that fell due while every instance was down fires late, not
/// never) unless its schedule changed; then it is replaced, and the new schedule counts from now. Two instances starting
/// with a changed schedule at once may both replace it; each cron run is also recorded in job_runs, so it runs once even then.
/// </summary>
/// <param name="declarations">Each trigger, built from the time it starts: the container's clock, that Quartz runs on too.</param>
public sealed class DeclaredTriggers(IReadOnlyList<Func<DateTimeOffset, ITrigger>> declarations, TimeProvider clock)
{
    public async Task ApplyAsync(IScheduler scheduler, ILogger log, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var declared in declarations.Select(d => d(now)))
        {
            var stored = await scheduler.GetTrigger(declared.Key, ct);
            // Of two instances starting at once, one stores it and the other keeps that one.
            if (stored is null) await scheduler.ScheduleTrigger(declared, TriggerConflict.Keep, ct);
            else if (!SameSchedule(stored, declared))
            {
                await scheduler.RescheduleJob(declared.Key, declared, ct);
                log.LogInformation("The schedule of {Trigger} changed: replaced", declared.Key.Name);
            }
            // A job that could not be made (an instance without it, or a configuration error since mended) leaves its
            // trigger in error, fired by nobody until reset: a restart was always the way back, and still is.
            else if (await scheduler.GetTriggerState(declared.Key, ct) == TriggerState.Error)
            {
                await scheduler.ResetTriggerFromErrorState(declared.Key, ct);
                log.LogWarning("{Trigger} had stopped on an error: reset", declared.Key.Name);
            }
        }
    }

    /// <summary>Whether a stored trigger fires when the declared one would: same kind, same expression or interval.</summary>
    public static bool SameSchedule(ITrigger stored, ITrigger declared) => (stored, declared) switch
    {
        (ICronTrigger s, ICronTrigger d) => s.CronExpressionString == d.CronExpressionString && s.TimeZone.Id == d.TimeZone.Id,
        (ISimpleTrigger s, ISimpleTrigger d) => s.RepeatInterval == d.RepeatInterval && s.RepeatCount == d.RepeatCount,
        _ => false,
    };
}
