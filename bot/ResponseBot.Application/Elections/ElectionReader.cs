using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Elections;
using ResponseBot.Domain.Policy;

namespace ResponseBot.Application.Elections;

/// <summary>Gathers the pre-election periods inside a unit of work: the configured ones and those managers added from Teams.</summary>
public static class ElectionReader
{
    /// <summary>Every period under way or to come on <paramref name="today"/>, soonest first.</summary>
    public static async Task<IReadOnlyList<ElectionPeriod>> ElectionPeriodsAsync(this IUnitOfWork uow, ReplyPolicy policy, LocalDate today, CancellationToken ct) =>
        ElectionPeriods.Current(policy.PreElectionPeriods.Concat(await uow.Elections.CurrentAsync(today, ct)), today);

    /// <summary>The period covering <paramref name="accountId"/> on <paramref name="today"/>, if any.</summary>
    public static async Task<ElectionPeriod?> PreElectionAsync(this IUnitOfWork uow, ReplyPolicy policy, string accountId, LocalDate today, CancellationToken ct) =>
        ElectionPeriods.Covering(await uow.ElectionPeriodsAsync(policy, today, ct), accountId, today);
}
