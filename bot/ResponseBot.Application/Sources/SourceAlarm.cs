using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Sources;

/// <summary>
/// A source's success or failure written in the caller's unit of work, with the alarm and the all-clear each said once: to the
/// rota's coordinators and the manager on duty (every manager when nobody holds that layer) — the people who can act.
/// </summary>
internal static class SourceAlarm
{
    /// <summary>True when the source had been raised as failing: the rota was told it has recovered.</summary>
    public static async Task<bool> SucceededAsync(IUnitOfWork uow, Account account, string? cursor, int created, Instant nextDue, RotaConfig rota,
        Instant now, CancellationToken ct)
    {
        if (!await uow.Sources.SucceededAsync(account.Id, cursor, created, nextDue, now, ct)) return false;
        await TellAsync(uow, rota, SourceHealth.AllClear(account), now, ct);
        return true;
    }

    /// <summary>True when this failure raised the alarm (it is raised once, until the source works again).</summary>
    public static async Task<bool> FailedAsync(IUnitOfWork uow, Account account, DeliveryException failure, Instant nextDue, RotaConfig rota,
        Instant now, CancellationToken ct)
    {
        var (failures, alarmed) = await uow.Sources.FailedAsync(account.Id, failure.Message, nextDue, now, ct);
        if (!SourceHealth.ShouldAlarm(failure.Failure, failures, alarmed)) return false;
        await TellAsync(uow, rota, SourceHealth.Alarm(account, failure.Message, failures), now, ct);
        await uow.Sources.AlarmRaisedAsync(account.Id, now, ct);
        return true;
    }

    public static async Task TellAsync(IUnitOfWork uow, RotaConfig rota, string text, Instant now, CancellationToken ct)
    {
        var duty = await uow.DutyAsync(rota, now, ct);
        foreach (var staffId in rota.Coordinators.Concat(duty.Managers(rota)).Distinct(StringComparer.OrdinalIgnoreCase))
            await ChatRequest.TextAsync(uow, staffId, text, now, ct);
    }
}
