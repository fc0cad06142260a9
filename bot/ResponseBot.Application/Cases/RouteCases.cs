using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Application.Cases;

/// <summary>
/// The router: routes the oldest stored cases not yet routed (<see cref="MentionRouting"/>), a batch per unit of work. One
/// router at a time across every instance; an instance stopped mid-batch routes nothing, and the next router takes the
/// same cases again, so each is routed exactly once.
/// </summary>
public sealed class RouteCases(IUnitOfWorkFactory db, MentionRouting routing, TimeProvider clock)
{
    public const int Batch = 100;

    /// <summary>One batch: how many cases were routed (fewer than <see cref="Batch"/> when none is left).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        await uow.LockRouterAsync(ct);
        var cases = await uow.Cases.UnroutedAsync(Batch, ct);
        if (cases.Count == 0) return 0;
        await routing.RouteAsync(uow, cases, clock.Now(), ct);
        await uow.CommitAsync(ct);
        return cases.Count;
    }
}
