using Dapper;
using Npgsql;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Store;

public sealed class ReportStore(NpgsqlDataSource db) : IReportStore
{
    private sealed record Row(long Id, DateTime ReceivedAt, string State, DateTime? PublishedAt, DateTime? RespondBy, int TimerEscalations);

    public async Task<IReadOnlyList<DigestCase>> CasesReceivedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            select c.id as Id, c.received_at as ReceivedAt, c.state as State, c.published_at as PublishedAt, c.respond_by as RespondBy,
                   (select count(*)::int from decision_log l where l.case_id = c.id and l.action = 'escalated_by_timer') as TimerEscalations
              from cases c
             where c.received_at >= @from and c.received_at < @to
             order by c.received_at
            """, new { from, to }, cancellationToken: ct));
        return rows.Select(r => new DigestCase(r.Id, Utc(r.ReceivedAt), Enum.Parse<CaseState>(r.State),
            r.PublishedAt is { } p ? Utc(p) : null, r.RespondBy is { } b ? Utc(b) : null, r.TimerEscalations)).ToList();
    }

    public async Task<DateTimeOffset?> PreviousRunAsync(string job, DateTimeOffset before, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var at = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select max(scheduled_for) from job_runs where job = @job and scheduled_for < @before", new { job, before }, cancellationToken: ct));
        return at is { } t ? Utc(t) : null;
    }

    public async Task<bool> SendOnceAsync(string job, DateTimeOffset scheduledFor, string instance, IReadOnlyList<string> recipients, string text, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteAsync(new CommandDefinition("""
                insert into job_runs (job, scheduled_for, instance, started_at) values (@job, @scheduledFor, @instance, @now)
                on conflict do nothing
                """, new { job, scheduledFor, instance, now }, tx, cancellationToken: ct)) == 0)
            return false;
        foreach (var recipient in recipients)
            await Sql.EnqueueAsync(conn, tx, ResponseBot.Domain.Outbox.OutboxKinds.Text, null, recipient, text, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
