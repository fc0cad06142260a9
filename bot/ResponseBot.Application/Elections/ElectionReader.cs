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
        Current(policy, await uow.Elections.CurrentAsync(today, ct), today);

    /// <summary>The period covering <paramref name="accountId"/> on <paramref name="today"/>, if any.</summary>
    public static async Task<ElectionPeriod?> PreElectionAsync(this IUnitOfWork uow, ReplyPolicy policy, string accountId, LocalDate today, CancellationToken ct) =>
        PreElection(policy, await uow.Elections.CurrentAsync(today, ct), accountId, today);

    /// <summary>As <see cref="PreElectionAsync"/>, from the stored periods already read.</summary>
    public static ElectionPeriod? PreElection(ReplyPolicy policy, IReadOnlyList<ElectionPeriod> stored, string accountId, LocalDate today) =>
        ElectionPeriods.Covering(Current(policy, stored, today), accountId, today);

    private static IReadOnlyList<ElectionPeriod> Current(ReplyPolicy policy, IReadOnlyList<ElectionPeriod> stored, LocalDate today) =>
        ElectionPeriods.Current(policy.PreElectionPeriods.Concat(stored), today);
}
