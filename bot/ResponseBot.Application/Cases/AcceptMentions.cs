using ResponseBot.Application.Ports;
using ResponseBot.Domain;

namespace ResponseBot.Application.Cases;

/// <summary>
/// Mentions that arrived together, stored in one unit of work: each a case once per (account, external id), logged, and
/// left for the router (<see cref="RouteCases"/>), which every instance wakes for once this commits. The caller may
/// acknowledge each mention once this returns. Storing is all a sender waits for; routing takes the router's own time.
/// </summary>
public sealed class AcceptMentions(IUnitOfWorkFactory db, Arrival arrival, Metrics.ResponseBotMetrics metrics)
{
    public async Task<IReadOnlyList<IngestResult>> RunAsync(IReadOnlyList<Domain.Cases.Mention> mentions, CancellationToken ct)
    {
        var arriving = mentions.Select(arrival.Of).ToList();
        await using var uow = await db.BeginAsync(ct);
        var ids = (await arrival.StoreAsync(uow, arriving, ct)).Ids;
        // Mentions already stored (sent again) are looked up together, in a statement after the insert: its snapshot sees
        // those another batch committed while the insert waited on them.
        var repeats = Enumerable.Range(0, mentions.Count).Where(i => ids[i] is null).ToList();
        var existing = await uow.Cases.FindIdsAsync(repeats.Select(i => mentions[i]).ToList(), ct);
        var results = new IngestResult[mentions.Count];
        for (var i = 0; i < mentions.Count; i++) if (ids[i] is { } id) results[i] = new IngestResult(id, Created: true);
        for (var r = 0; r < repeats.Count; r++) results[repeats[r]] = new IngestResult(existing[r], Created: false);
        var created = Enumerable.Range(0, mentions.Count).Where(i => ids[i] is not null).ToList();
        if (created.Count > 0) uow.WakeRouterAfterCommit();
        await uow.CommitAsync(ct);
        foreach (var i in created) metrics.MentionReceived(mentions[i].AccountId);
        return results;
    }
}
