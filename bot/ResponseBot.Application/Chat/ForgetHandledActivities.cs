using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Application.Chat;

/// <summary>
/// Forgets inbound activities handled more than a day ago: Teams retries within minutes, so older keys only take space.
/// Kept out of people's clicks, so no click waits on it.
/// </summary>
public sealed class ForgetHandledActivities(IUnitOfWorkFactory db, TimeProvider clock, ILogger<ForgetHandledActivities> log)
{
    private static readonly Duration Keep = Duration.FromDays(1);

    public async Task RunAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await uow.Activities.PruneAsync(clock.Now() - Keep, ct);
        await uow.CommitAsync(ct);
        log.LogDebug("Forgot inbound activities handled before {Cutoff}", clock.Now() - Keep);
    }
}
