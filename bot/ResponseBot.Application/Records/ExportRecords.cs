using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Records;

namespace ResponseBot.Application.Records;

public enum ExportFormat { Json, Csv }

/// <summary>
/// The records export in its stable shape (<see cref="RecordsExport"/>): every case received in a range, optionally for one
/// account (FOI requests, records requests), or every case about one member of the public (subject access, UK GDPR
/// Article 15). Read-only.
/// </summary>
public sealed class ExportRecords(IUnitOfWorkFactory db, TimeProvider clock)
{
    public const int LongestRangeDays = 366;

    /// <summary>
    /// Every decision carries its place in the chain: what is waiting is sealed first, in transactions of their own, before
    /// the export's unit of work opens (held in it, the chain would wait for the whole export; and a connection held while
    /// waiting for another can wait for ever on a busy pool). One committed in the moment between has it a second later.
    /// </summary>
    public Task SealFirstAsync(CancellationToken ct) => Audit.SealDecisionLog.AllAsync(db, ct);

    public async Task<string> RangeAsync(Instant from, Instant to, string? accountId, ExportFormat format, CancellationToken ct)
    {
        await SealFirstAsync(ct);
        await using var uow = await db.BeginAsync(ct);
        return (await RangeAsync(uow, from, to, accountId, format, ct)).Text;
    }

    /// <summary>Within the caller's unit of work, which called <see cref="SealFirstAsync"/> before it began.</summary>
    public async Task<(string Text, int Cases)> RangeAsync(IUnitOfWork uow, Instant from, Instant to, string? accountId, ExportFormat format, CancellationToken ct)
    {
        var cases = await uow.Records.ExportAsync(from, to, accountId is null ? null : [accountId], null, ct);
        return (Render(cases, format, new JsonObject { ["from"] = from.ToString(), ["to"] = to.ToString(), ["account"] = accountId }), cases.Count);
    }

    public async Task<(string Text, int Cases)> SubjectAsync(DataSubject subject, ExportFormat format, CancellationToken ct)
    {
        await SealFirstAsync(ct);
        await using var uow = await db.BeginAsync(ct);
        return await SubjectAsync(uow, subject, format, ct);
    }

    /// <summary>Within the caller's unit of work, which called <see cref="SealFirstAsync"/> before it began.</summary>
    public async Task<(string Text, int Cases)> SubjectAsync(IUnitOfWork uow, DataSubject subject, ExportFormat format, CancellationToken ct)
    {
        var ids = (await uow.Records.ByHandleAsync(subject.AccountIds, subject.Handle, forUpdate: false, ct)).Select(c => c.Id).ToList();
        var cases = ids.Count == 0 ? [] : await uow.Records.ExportAsync(null, null, null, ids, ct);
        return (Render(cases, format, new JsonObject { ["subject"] = subject.ToString(), ["accounts"] = new JsonArray(subject.AccountIds.Select(a => (JsonNode?)a).ToArray()) }), cases.Count);
    }

    private string Render(IReadOnlyList<ExportCase> cases, ExportFormat format, JsonObject query) =>
        format == ExportFormat.Csv ? RecordsExport.Csv(cases) : RecordsExport.Json(cases, clock.Now(), query);
}
