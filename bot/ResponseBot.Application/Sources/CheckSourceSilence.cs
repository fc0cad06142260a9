using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Sources;

/// <summary>
/// Every few minutes: each account with <c>SilentAfter</c> whose last mention is older than that raises the alarm once with the
/// rota's coordinators and the manager on duty; the next mention brings the all-clear. Counts mentions from any source, so a
/// webhook account is watched as a polled one is.
/// </summary>
public sealed class CheckSourceSilence(IUnitOfWorkFactory db, IAccountDirectory accounts, RotaConfig rota, TimeProvider clock,
    ILogger<CheckSourceSilence> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        // Watched from when a threshold is first seen; a row kept after its threshold was removed is cleared below.
        await uow.Sources.EnsureAsync(accounts.Ids.Where(id => accounts.Find(id)?.SilentAfter is not null).ToList(), now, ct);
        foreach (var status in await uow.Sources.ListAsync(ct))
        {
            if (accounts.Find(status.AccountId) is not { } account) continue;
            var last = await uow.Sources.LastMentionAsync(account.Id, ct);
            switch (SourceSilence.Decide(account.SilentAfter, last, status.CreatedAt, status.SilenceAlarmRaisedAt is not null, now))
            {
                case SilenceCall.Alarm:
                    await SourceAlarm.TellAsync(uow, rota, SourceSilence.Alarm(account, last, Quiet(now - (last ?? status.CreatedAt))), now, ct);
                    await uow.Sources.SilenceAlarmAsync(account.Id, now, ct);
                    log.LogWarning("Source {AccountId} has been silent since {Since}; the rota was told", account.Id, last ?? status.CreatedAt);
                    break;
                case SilenceCall.AllClear:
                    if (account.SilentAfter is not null) await SourceAlarm.TellAsync(uow, rota, SourceSilence.AllClear(account), now, ct);
                    await uow.Sources.SilenceAlarmAsync(account.Id, null, ct);
                    log.LogInformation("Source {AccountId} is delivering again", account.Id);
                    break;
            }
        }
        await uow.CommitAsync(ct);
    }

    private static string Quiet(Duration d) => d >= Duration.FromHours(2) ? $"{(int)d.TotalHours} hours" : $"{(int)d.TotalMinutes} minutes";
}
