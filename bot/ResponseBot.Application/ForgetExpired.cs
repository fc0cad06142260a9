using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Application;

/// <summary>
/// Housekeeping: forgets inbound activities handled more than a day ago (Teams retries within minutes, so older keys only take
/// space) and deletes download files whose links have expired (they no longer open, so the files are only a copy to lose).
/// Kept out of people's clicks, so no click waits on it.
/// </summary>
public sealed class ForgetExpired(IUnitOfWorkFactory db, TimeProvider clock, ILogger<ForgetExpired> log)
{
    private static readonly Duration KeepActivities = Duration.FromDays(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        await uow.Activities.PruneAsync(now - KeepActivities, ct);
        var files = await uow.Downloads.PurgeExpiredAsync(now, ct);
        await uow.CommitAsync(ct);
        log.LogDebug("Forgot inbound activities handled before {Cutoff} and {Files} expired download files", now - KeepActivities, files);
    }
}
