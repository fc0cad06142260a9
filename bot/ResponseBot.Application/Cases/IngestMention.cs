using ResponseBot.Domain;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Cases;

public sealed record IngestResult(long CaseId, bool Created);

/// <summary>
/// A public mention a source fetched (a poll, or the Facebook Page feed's webhook), stored and routed in one unit of work:
/// the case stored once per (account, external id) with what the triage rules made of it and its respond-by time
/// (<see cref="Arrival"/>), logged, then routed (<see cref="MentionRouting"/>). Committed before the source moves on. The
/// signed webhooks take <see cref="AcceptMentions"/> instead, which stores many at once and leaves the routing to the router.
/// A mention that may join a storm is routed in the router's turn, taken first, as the router does: both lock the loose
/// cases a storm may take, the router for one case of its batch after another, and two such transactions side by side
/// could each hold a case the other wanted next (PostgreSQL would end one as deadlocked). One at a time, they never wait
/// on each other; a mention no storm may take locks no loose case and doesn't wait for the router.
/// </summary>
public sealed class IngestMention(IUnitOfWorkFactory db, Arrival arrival, MentionRouting routing, Metrics.ResponseBotMetrics metrics)
{
    public async Task<IngestResult> RunAsync(Mention mention, CancellationToken ct)
    {
        var arriving = arrival.Of(mention);
        await using var uow = await db.BeginAsync(ct);
        if (MentionRouting.MayStorm(arriving.StormKeys, arriving.Triage)) await uow.LockRouterAsync(ct);
        var stored = await arrival.StoreAsync(uow, [arriving], ct);
        if (stored.Ids[0] is not { } id)
        {
            var existing = await uow.Cases.FindIdAsync(mention.AccountId, mention.ExternalId, ct);
            await uow.CommitAsync(ct);
            return new IngestResult(existing, Created: false);
        }
        await routing.RouteAsync(uow, [new CaseToRoute(id, mention, arriving.Triage, arriving.StormKeys, CaseState.New)], stored.At, ct);
        await uow.CommitAsync(ct);
        metrics.MentionReceived(mention.AccountId);
        return new IngestResult(id, Created: true);
    }
}
