using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Store.Repositories;

internal sealed class ReportRepository(Session s) : IReportRepository
{
    private sealed record Row(long Id, Instant ReceivedAt, string State, Instant? PublishedAt, Instant? RespondBy, int TimerEscalations, int Escalations,
        string AccountId, string Priority, bool Emergency, string? RepliedById, string? RepliedByName, string? ApprovedById, string? ApprovedByName,
        string? DismissedById, string? DismissedByName);

    // Who dismissed is whoever last decided a dismissed case, unless its author deleted the mention (nobody decided that).
    public async Task<IReadOnlyList<DigestCase>> CasesReceivedAsync(Instant from, Instant to, string timerAction, string escalatedAction, CancellationToken ct) =>
        (await s.QueryAsync<Row>("""
            select c.id as Id, c.received_at as ReceivedAt, c.state as State, c.published_at as PublishedAt, c.respond_by as RespondBy,
                   (select count(*)::int from decision_log l where l.case_id = c.id and l.action = @timerAction) as TimerEscalations,
                   (select count(*)::int from decision_log l where l.case_id = c.id and l.action = @escalatedAction) as Escalations,
                   c.account_id as AccountId, c.priority as Priority, 'emergency' = any (c.flags) as Emergency,
                   c.drafted_by_id as RepliedById, c.drafted_by_name as RepliedByName,
                   c.approved_by_id as ApprovedById, c.approved_by_name as ApprovedByName,
                   case when c.state = @dismissed and c.deleted_at is null then c.decided_by_id end as DismissedById,
                   c.decided_by_name as DismissedByName
              from cases c
             where c.received_at >= @from and c.received_at < @to
             order by c.received_at
            """, new { from, to, timerAction, escalatedAction, dismissed = nameof(CaseState.Dismissed) }, ct))
        .Select(r => new DigestCase(r.Id, r.ReceivedAt, Enum.Parse<CaseState>(r.State), r.PublishedAt, r.RespondBy, r.TimerEscalations)
        {
            AccountId = r.AccountId, Escalations = r.Escalations,
            Priority = r.Emergency ? ReportPriority.Emergency : r.Priority == nameof(ReportPriority.Urgent) ? ReportPriority.Urgent : ReportPriority.Normal,
            RepliedBy = Staff(r.RepliedById, r.RepliedByName), ApprovedBy = Staff(r.ApprovedById, r.ApprovedByName),
            DismissedBy = Staff(r.DismissedById, r.DismissedByName),
        }).ToList();

    private static StaffRef? Staff(string? id, string? name) => id is null ? null : new StaffRef(id, name ?? id);
}
