using Microsoft.Extensions.Logging;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Records;

/// <summary>
/// Removes members of the public's personal data from finished cases (sent or dismissed, nothing left to send) older than its retention period (author details and
/// content each have their own), in bounded batches, one unit of work per batch so a large backlog never holds long
/// locks; each case's redaction is logged and the decision log's chain still verifies afterwards. Cases are claimed with
/// SKIP LOCKED, so two instances share a backlog instead of queueing on it.
/// </summary>
public sealed class ApplyRetention(IUnitOfWorkFactory db, RetentionSettings settings, TimeProvider clock, ILogger<ApplyRetention> log)
{
    /// <summary>
    /// Only these are finished: a case scheduled or publishing is still to be posted (a reply naming the person could go out
    /// after their name was masked, or be undone back into an open case).
    /// </summary>
    public static readonly IReadOnlyList<string> FinishedStates = [CaseState.Sent.ToString(), CaseState.Dismissed.ToString()];

    /// <summary>How many cases had something removed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        foreach (var (what, period) in new[] { (PersonalData.Author, settings.Author), (PersonalData.Content, settings.Content) })
        {
            for (var batch = 0; batch < settings.MaxBatchesPerRun; batch++)
            {
                var now = clock.Now();
                await using var uow = await db.BeginAsync(ct);
                var due = await uow.Records.DueAsync(what, now - period, FinishedStates, settings.BatchSize, ct);
                if (due.Count == 0) break;
                var reason = $"retention: {what.ToString().ToLowerInvariant()} data is kept for {period.TotalDays:0} days";
                await Redactor.RedactAsync(uow, due, what, DecisionEntry.SystemId, DecisionEntry.SystemName, "redacted", reason, new { policy = "retention" }, now, ct);
                await uow.CommitAsync(ct);
                total += due.Count;
                log.LogInformation("Retention: {Data} data removed from {Cases} cases received before {Before}", what, due.Count, now - period);
                if (due.Count < settings.BatchSize) break;
            }
        }
        return total;
    }
}
