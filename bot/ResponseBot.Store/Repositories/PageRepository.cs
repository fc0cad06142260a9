using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Store.Repositories;

internal sealed class PageRepository(Session s) : IPageRepository
{
    public async Task<bool> SentAsync(long caseId, long outboxId, CancellationToken ct) =>
        await s.ScalarAsync<bool>("""
            select exists (select 1 from decision_log where case_id = @caseId and action = @Paged and detail ->> 'outboxId' = @outboxId::text)
            """, new { caseId, outboxId, DecisionActions.Paged }, ct);
}
