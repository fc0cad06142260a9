using ResponseBot.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Reports;

/// <summary>
/// Looks <paramref name="days"/> ahead for out-of-hours windows nobody covers and tells the coordinators while there is still
/// time to fix them; each scheduled run once across instances.
/// </summary>
public sealed class CheckCoverage(IUnitOfWorkFactory db, RotaConfig rota, TimeProvider clock, ILogger<CheckCoverage> log)
{
    public const string Job = "coverage-gap-check";

    public async Task RunAsync(Instant scheduledFor, string instance, int days, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        if (!await uow.JobRuns.TryStartAsync(Job, scheduledFor, instance, now, ct))
        {
            log.LogWarning("Coverage gap check for {ScheduledFor} already ran on another instance", scheduledFor);
            return;
        }
        var from = clock.Now();
        var range = new Interval(from, from + Duration.FromDays(days));
        var message = CoverageReport.Gaps(await uow.PlanAsync(rota, range, ct), range);
        log.LogInformation("Coverage gap check for {ScheduledFor}: {Result}", scheduledFor, message is null ? "fully covered" : "gaps found");
        if (message is not null)
            foreach (var coordinator in rota.Coordinators)
                await ChatRequest.TextAsync(uow, coordinator, message, now, ct);
        await uow.CommitAsync(ct);
    }
}
