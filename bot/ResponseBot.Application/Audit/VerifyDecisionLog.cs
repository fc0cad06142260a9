using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Audit;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Audit;

/// <summary>
/// Proves the decision log untouched: seals what is waiting, walks its hash chain from the first row (<see cref="ChainWalk"/>), then checks that
/// the head the last good nightly check saw is still there with the same hash — rows removed from the end leave no broken
/// link, so only that comparison finds them. The CLI only reads; the nightly run also records the head it found and, on a
/// break, tells every manager, once per scheduled run across instances.
/// </summary>
public sealed class VerifyDecisionLog(IUnitOfWorkFactory db, RotaConfig rota, TimeProvider clock, ILogger<VerifyDecisionLog> log)
{
    public const string Job = "audit-verify";

    public async Task<ChainResult> CheckAsync(CancellationToken ct)
    {
        await SealDecisionLog.AllAsync(db, ct);
        await using var uow = await db.BeginAsync(ct);
        return await WalkAsync(uow, ct);
    }

    public async Task RunAsync(Instant scheduledFor, string instance, CancellationToken ct)
    {
        var now = clock.Now();
        await SealDecisionLog.AllAsync(db, ct);
        await using var uow = await db.BeginAsync(ct);
        if (!await uow.JobRuns.TryStartAsync(Job, scheduledFor, instance, now, ct)) return;
        var result = await WalkAsync(uow, ct);
        await uow.Audit.AddCheckpointAsync(new AuditCheckpoint(now, result.Rows, result.HeadSeq, result.HeadHash), result.Break, ct);
        if (result.Break is { } broken)
        {
            log.LogError("Decision log check failed at row {RowId} (place {Seq}): {Problem}", broken.Id, broken.Seq, broken.Problem);
            var text = $"The decision log failed its nightly integrity check: {Describe(broken)}. Nothing in it can be relied on from " +
                       "that row on until this is explained. Run `audit verify` on the server for the details.";
            foreach (var manager in rota.Managers)
                await ChatRequest.TextAsync(uow, manager, text, now, ct);
        }
        else log.LogInformation("Decision log verified: {Rows} rows, head {Head}", result.Rows, result.HeadHash is { } h ? Convert.ToHexStringLower(h) : "-");
        await uow.CommitAsync(ct);
    }

    public static string Describe(ChainBreak b) => b.Id == 0 ? b.Problem : b.Seq is { } seq ? $"row {b.Id} (place {seq} in the chain) {b.Problem}" : $"row {b.Id} {b.Problem}";

    private static async Task<ChainResult> WalkAsync(IUnitOfWork uow, CancellationToken ct)
    {
        var walk = new ChainWalk();
        await foreach (var row in uow.Audit.ChainAsync(ct))
            if (!walk.Next(row)) break;
        var result = walk.Finish();
        if (!result.Ok || await uow.Audit.LastGoodCheckpointAsync(ct) is not { HeadSeq: { } seenSeq, HeadHash: { } seenHash } seen) return result;
        if (result.HeadSeq is not { } head || head < seenSeq)
            return result with { Break = new ChainBreak(0, result.HeadSeq, $"the chain ends at place {result.HeadSeq ?? 0}, but {seenSeq} rows were there on {seen.CheckedAt}: rows were removed from its end") };
        if (await uow.Audit.HashAtAsync(seenSeq, ct) is not { } now || !now.AsSpan().SequenceEqual(seenHash))
            return result with { Break = new ChainBreak(0, seenSeq, $"place {seenSeq} no longer holds the row seen there on {seen.CheckedAt}: the chain was rebuilt") };
        return result;
    }
}
