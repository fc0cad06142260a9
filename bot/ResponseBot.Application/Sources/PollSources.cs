using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Cases;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Rota;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Duty;

namespace ResponseBot.Application.Sources;

/// <summary>How often each polled account is asked for new mentions, and how long one poll may hold it.</summary>
public sealed record PollSettings(Duration Interval, Duration Lease, Duration MaxBackoff);

/// <summary>
/// Polls one due account: claim it (one instance at a time), fetch what is new since its cursor (no transaction held over the
/// network), ingest each mention through <see cref="IngestMention"/> (each committed before the cursor moves), then keep the
/// new cursor. A failed fetch keeps the old cursor and backs off, so nothing is missed and nothing is repeated.
/// </summary>
public sealed class PollSources(IUnitOfWorkFactory db, IAccountDirectory accounts, IEnumerable<IMentionSource> sources, IngestMention ingest,
    PollSettings settings, RotaConfig rota, TimeProvider clock, ILogger<PollSources> log)
{
    /// <summary>The configured accounts some source polls.</summary>
    public IReadOnlyList<string> Polled(IReadOnlyList<string> configured) =>
        configured.Where(id => accounts.Find(id) is { } a && sources.Any(s => s.Platform == a.Platform)).ToList();

    /// <summary>False when no account is due.</summary>
    public async Task<bool> RunNextAsync(IReadOnlyList<string> accountIds, CancellationToken ct)
    {
        if (accountIds.Count == 0) return false;
        var now = clock.Now();
        ClaimedSource? claimed;
        await using (var uow = await db.BeginAsync(ct))
        {
            await uow.Sources.EnsureAsync(accountIds, now, ct);
            claimed = await uow.Sources.ClaimDueAsync(accountIds, now, now + settings.Lease, ct);
            await uow.CommitAsync(ct);
        }
        if (claimed is null) return false;

        var account = accounts.Find(claimed.AccountId)!;
        var source = sources.First(s => s.Platform == account.Platform);
        try
        {
            var batch = await source.FetchAsync(claimed.AccountId, claimed.Cursor, ct);
            var created = 0;
            foreach (var mention in batch.Mentions)
                if ((await ingest.RunAsync(mention, ct)).Created) created++;
            await using var uow = await db.BeginAsync(ct);
            await uow.Sources.TokenExpiresAsync(claimed.AccountId, batch.TokenExpiresAt, ct);
            var nextDue = clock.Now() + settings.Interval;
            if (batch.NotBefore is { } notBefore && notBefore > nextDue) nextDue = notBefore;
            if (await SourceAlarm.SucceededAsync(uow, account, batch.Cursor, created, nextDue, rota, clock.Now(), ct))
                log.LogInformation("Source {AccountId} recovered; the rota was told", claimed.AccountId);
            await uow.CommitAsync(ct);
            if (created > 0) log.LogInformation("Polled {AccountId}: {Created} new mention(s)", claimed.AccountId, created);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Anything else (a platform answering in a shape we don't expect, the database blinking) is a failure too, so it is
            // counted, raised and shown — never a poll that silently stops.
            var failure = ex as DeliveryException ?? new DeliveryException(DeliveryFailure.Transient, $"unexpected {ex.GetType().Name}", inner: ex);
            if (ex is DeliveryException) log.LogWarning("Polling {AccountId} failed: {Reason}", claimed.AccountId, ex.Message);
            else log.LogError(ex, "Polling {AccountId} failed unexpectedly", claimed.AccountId);
            var wait = failure.RetryAfter is { } after ? Duration.FromTimeSpan(after) : settings.Interval;
            await using var uow = await db.BeginAsync(ct);
            if (await SourceAlarm.FailedAsync(uow, account, failure, clock.Now() + Duration.Min(Duration.Max(wait, settings.Interval), settings.MaxBackoff),
                    rota, clock.Now(), ct))
                log.LogError("Source {AccountId} is failing: {Reason}; the rota was told", claimed.AccountId, failure.Message);
            await uow.CommitAsync(ct);
        }
        return true;
    }
}
