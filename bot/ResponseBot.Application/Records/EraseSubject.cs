using Microsoft.Extensions.Logging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Records;

/// <summary>The outcome of an erasure request: how many cases were found and erased, or why nothing was.</summary>
public sealed record ErasureResult(int Cases, int LogRows, string? Refusal, IReadOnlyList<long> OpenCases);

/// <summary>
/// A member of the public's right to erasure (UK GDPR Article 17): every case of theirs across the accounts named is
/// redacted of author details and content at once, each logged as 'erased' with who asked and why. Refused while any of
/// their cases is unfinished (not yet sent or dismissed, or with a message still to send) — a reply could otherwise go out
/// naming someone whose record says they were erased; close or dismiss those first. The decision log's chain still verifies afterwards.
/// </summary>
public sealed class EraseSubject(IUnitOfWorkFactory db, TimeProvider clock, ILogger<EraseSubject> log)
{
    public async Task<ErasureResult> RunAsync(DataSubject subject, string actorId, string actorName, string reason, CancellationToken ct)
    {
        await using var uow = await db.BeginAsync(ct);
        var result = await RunAsync(uow, subject, actorId, actorName, reason, ct);
        await uow.CommitAsync(ct);
        return result;
    }

    /// <summary>In the caller's unit of work (a request from Teams, recorded with its answer); the caller commits.</summary>
    public async Task<ErasureResult> RunAsync(IUnitOfWork uow, DataSubject subject, string actorId, string actorName, string reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new ErasureResult(0, 0, "Say why the data is being erased (e.g. the request's reference).", []);
        var now = clock.Now();
        var cases = await uow.Records.ByHandleAsync(subject.AccountIds, subject.Handle, forUpdate: true, ct);
        var open = cases.Count == 0 ? [] : await uow.Records.UnfinishedAsync(cases.Select(c => c.Id).ToList(), ApplyRetention.FinishedStates, ct);
        if (open.Count > 0)
            return new ErasureResult(cases.Count, 0, $"Still open: {string.Join(", ", open.Select(id => $"#{id}"))}. Close or dismiss them first.", open);
        var rows = await Redactor.RedactAsync(uow, cases, PersonalData.All, actorId, actorName, "erased", reason.Trim(),
            new { requestedBy = actorName }, now, ct);   // not the person's handle: the log can't be redacted of it later
        log.LogInformation("Erased {Cases} cases for a data subject at the request of {ActorId}", cases.Count, actorId);
        return new ErasureResult(cases.Count, rows, null, []);
    }
}
