using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Store.Repositories;

internal sealed class DecisionLog(Session s) : IDecisionLog
{
    public Task<long> AppendAsync(DecisionEntry e, CancellationToken ct) =>
        s.ScalarAsync<long>("""
            insert into decision_log (case_id, at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason, card_version)
            values (@CaseId, @At, @ActorId, @ActorName, @Action, @TextBefore, @TextAfter, @Detail::jsonb, @FromState, @ToState, @Reason, @CardVersion)
            returning id
            """, new
            {
                e.CaseId, e.At, e.ActorId, e.ActorName, e.Action, e.TextBefore, e.TextAfter, e.Detail,
                FromState = e.FromState?.ToString(), ToState = e.ToState?.ToString(), e.Reason, e.CardVersion,
            }, ct);
}
