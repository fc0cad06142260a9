using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

/// <summary>
/// The router: routes the oldest stored cases not yet routed (<see cref="MentionRouting"/>), a batch per unit of work. One
/// router at a time across every instance; an instance stopped mid-batch routes nothing, and the next router takes the
/// same cases again, so each is routed exactly once. A case that can't be routed doesn't hold up the others: a batch that
/// fails (with the database reachable) is routed again a case at a time, and a case that fails alone is set aside —
/// routed to nobody, logged as <c>routing_failed</c>, and reported as an error — where the <c>cases</c> list still shows it.
/// </summary>
public sealed class RouteCases(IUnitOfWorkFactory db, MentionRouting routing, TimeProvider clock, ILogger<RouteCases> log)
{
    public const int Batch = 100;

    /// <summary>One batch: how many cases were routed (fewer than <see cref="Batch"/> when none is left).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        try
        {
            return await RouteAsync(Batch, _ => { }, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && !DatabaseErrors.Unreachable(ex))
        {
            log.LogWarning(ex, "A batch of stored cases could not be routed; routing them one at a time");
        }
        var routed = 0;
        for (var i = 0; i < Batch; i++)
        {
            long? tried = null;
            try
            {
                if (await RouteAsync(1, id => tried = id, ct) == 0) break;
                routed++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && !DatabaseErrors.Unreachable(ex) && tried is { } caseId)
            {
                await SetAsideAsync(caseId, ex, ct);
            }
        }
        return routed;
    }

    private async Task<int> RouteAsync(int limit, Action<long> claimed, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await uow.LockRouterAsync(ct);
        var cases = await uow.Cases.UnroutedAsync(limit, ct);
        if (cases.Count == 0) return 0;
        if (cases.Count == 1) claimed(cases[0].Id);
        await routing.RouteAsync(uow, cases, clock.Now(), ct);
        await uow.CommitAsync(ct);
        return cases.Count;
    }

    private async Task SetAsideAsync(long caseId, Exception error, CancellationToken ct)
    {
        var now = clock.Now();
        await using var uow = await db.BeginAsync(ct);
        await uow.LockRouterAsync(ct);
        if (await uow.Cases.MarkRoutedAsync(new Dictionary<long, long?> { [caseId] = null }, now, ct) == 0) return;
        await uow.Log.AppendAsync(DecisionEntry.System(caseId, now, DecisionActions.RoutingFailed, JsonSerializer.Serialize(new { error = error.GetType().Name })), ct);
        await uow.CommitAsync(ct);
        log.LogError(error, "Case {CaseId} could not be routed: it is set aside with no card, and the cases list shows it", caseId);
    }
}
