using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Sources;

/// <summary>
/// The health of a source that pushes (a platform's webhook): each delivery that checked out keeps it healthy, and deliveries
/// refused in a row (signatures that stop matching after the app secret changed) raise the alarm once, as a failing poll does.
/// </summary>
public sealed class RecordSourceDelivery(IUnitOfWorkFactory db, IAccountDirectory accounts, RotaConfig rota, TimeProvider clock,
    ILogger<RecordSourceDelivery> log)
{
    public async Task DeliveredAsync(string accountId, int created, CancellationToken ct)
    {
        if (accounts.Find(accountId) is not { } account) return;
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        await uow.Sources.EnsureAsync([account.Id], now, ct);
        if (await SourceAlarm.SucceededAsync(uow, account, null, created, now, rota, now, ct))
            log.LogInformation("Source {AccountId} recovered; the rota was told", account.Id);
        await uow.CommitAsync(ct);
    }

    public async Task RefusedAsync(string accountId, string reason, CancellationToken ct)
    {
        if (accounts.Find(accountId) is not { } account) return;
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        await uow.Sources.EnsureAsync([account.Id], now, ct);
        if (await SourceAlarm.FailedAsync(uow, account, new DeliveryException(DeliveryFailure.Transient, reason), now, rota, now, ct))
            log.LogError("Source {AccountId}: deliveries keep being refused ({Reason}); the rota was told", account.Id, reason);
        await uow.CommitAsync(ct);
    }
}
