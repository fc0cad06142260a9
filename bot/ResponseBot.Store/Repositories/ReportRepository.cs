using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Store.Repositories;

internal sealed class ReportRepository(Session s) : IReportRepository
{
    private sealed record Row(long Id, Instant ReceivedAt, string State, Instant? PublishedAt, Instant? RespondBy, int TimerEscalations);

    public async Task<IReadOnlyList<DigestCase>> CasesReceivedAsync(Instant from, Instant to, string timerAction, CancellationToken ct) =>
        (await s.QueryAsync<Row>("""
            select c.id as Id, c.received_at as ReceivedAt, c.state as State, c.published_at as PublishedAt, c.respond_by as RespondBy,
                   (select count(*)::int from decision_log l where l.case_id = c.id and l.action = @timerAction) as TimerEscalations
              from cases c
             where c.received_at >= @from and c.received_at < @to
             order by c.received_at
            """, new { from, to, timerAction }, ct))
        .Select(r => new DigestCase(r.Id, r.ReceivedAt, Enum.Parse<CaseState>(r.State), r.PublishedAt, r.RespondBy, r.TimerEscalations)).ToList();
}
