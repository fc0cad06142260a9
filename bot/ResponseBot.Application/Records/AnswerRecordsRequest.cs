using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using ResponseBot.Application.Chat;
using ResponseBot.Application.Downloads;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Application.Records;

/// <summary>
/// Records requests from Teams, for managers only (decided from the authenticated user and the configured managers): a
/// subject-access export or an FOI/records export as a short-lived download link, or an erasure. Each export is itself
/// written to the decision log (who took what personal data out); an erasure logs itself per case (<see cref="EraseSubject"/>).
/// The request, its answer and the file are one unit of work.
/// </summary>
public sealed partial class AnswerRecordsRequest(IUnitOfWorkFactory db, RotaConfig rota, IAccountDirectory accounts, ExportRecords export, EraseSubject erase,
    IssueDownload downloads, TimeProvider clock, ILogger<AnswerRecordsRequest> log)
{
    public const string Exported = "exported";

    public async Task RunAsync(ChatInteraction.Message m, CancellationToken ct)
    {
        var now = clock.Now();
        // Before the unit of work, not in it (see ExportRecords.SealFirstAsync); for any request, as sealing what is waiting
        // is always harmless and most records requests are exports.
        await export.SealFirstAsync(ct);
        await using var uow = await db.BeginAsync(ct);
        if (!await ChatRequest.BeginAsync(uow, m, now, log, ct)) return;
        var answer = await AnswerAsync(uow, m, ct);
        if (answer is not null) await ChatRequest.TextAsync(uow, m.Actor.Id, answer, now, ct);
        await uow.CommitAsync(ct);
    }

    private async Task<string?> AnswerAsync(IUnitOfWork uow, ChatInteraction.Message m, CancellationToken ct)
    {
        if (!rota.IsManager(m.Actor.Id))
        {
            log.LogWarning("{StaffId} asked for a records request but is not a manager", m.Actor.Id);
            return "Records requests (exports and erasures of the public's data) are for managers.";
        }
        var request = RecordsRequest.Parse(m.Text, accounts);
        var now = clock.Now();
        switch (request)
        {
            case RecordsRequest.Invalid invalid:
                return invalid.Message;
            case RecordsRequest.Erase e:
                var result = await erase.RunAsync(uow, e.Subject, m.Actor.Id, m.Actor.Name, e.Reason, ct);
                return result.Refusal is { } refusal ? $"Nothing was erased for {e.Subject}. {refusal}"
                    : result.Cases == 0 ? $"No cases were found for {e.Subject}: nothing to erase."
                    : $"Erased {result.Cases} cases for {e.Subject}: their name, handle and words are gone; the decisions stay. Logged with your name and reason.";
        }
        if (!downloads.IsEnabled)
            return "Download links aren't set up here (Downloads:PublicBaseUrl): ask the server's administrator to run `records person` or `audit export`.";
        var (file, count, what, detail) = request switch
        {
            RecordsRequest.Person p => await PersonAsync(uow, p, ct),
            RecordsRequest.Range r => await RangeAsync(uow, r, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(m)),
        };
        await uow.Log.AppendAsync(new DecisionEntry(null, now, m.Actor.Id, m.Actor.Name, Exported, Detail: JsonSerializer.Serialize(detail)), ct);
        await downloads.QueueAsync(uow, m.Actor.Id, file, new DownloadMessage(null, null,
            $"{what}: {count} cases. Download it here (the link works for {downloads.Expiry.TotalMinutes:0} minutes): {IssueDownload.LinkStandIn}"), now, ct);
        log.LogInformation("Records export of {Cases} cases queued for {StaffId}", count, m.Actor.Id);
        return null;
    }

    private async Task<(DownloadFile, int, string, object)> PersonAsync(IUnitOfWork uow, RecordsRequest.Person p, CancellationToken ct)
    {
        var (text, count) = await export.SubjectAsync(uow, p.Subject, ExportFormat.Json, ct);
        return (new DownloadFile($"subject-access-{Safe(p.Subject.ToString())}.json", "application/json", Encoding.UTF8.GetBytes(text)), count,
            $"Everything about {p.Subject}", new { kind = "subject access", scope = p.Subject.Scope, cases = count });   // not the handle: the log keeps it for ever
    }

    private async Task<(DownloadFile, int, string, object)> RangeAsync(IUnitOfWork uow, RecordsRequest.Range r, CancellationToken ct)
    {
        var (from, to) = (rota.Zone.AtStartOfDay(r.From).ToInstant(), rota.Zone.AtStartOfDay(r.To.PlusDays(1)).ToInstant());
        var (text, count) = await export.RangeAsync(uow, from, to, r.AccountId, r.Format, ct);
        var extension = r.Format == ExportFormat.Csv ? "csv" : "json";
        var name = $"records-{r.From.ToString("yyyy-MM-dd", null)}-to-{r.To.ToString("yyyy-MM-dd", null)}{(r.AccountId is { } a ? "-" + Safe(a) : "")}.{extension}";
        return (new DownloadFile(name, r.Format == ExportFormat.Csv ? "text/csv" : "application/json", Encoding.UTF8.GetBytes(text)), count,
            $"Cases received {RecordsRequest.Describe(r.From)} to {RecordsRequest.Describe(r.To)}{(r.AccountId is { } acc ? $" on {acc}" : "")}",
            new { kind = "records", from = r.From.ToString(), to = r.To.ToString(), account = r.AccountId, cases = count });
    }

    private static string Safe(string name) => UnsafeChars().Replace(name, "-");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeChars();
}
