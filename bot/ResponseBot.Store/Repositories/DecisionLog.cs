using ResponseBot.Application.Ports;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Store.Repositories;

internal sealed class DecisionLog(Session s) : IDecisionLog
{
    public Task AppendAsync(DecisionEntry e, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into decision_log (case_id, at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason)
            values (@CaseId, @At, @ActorId, @ActorName, @Action, @TextBefore, @TextAfter, @Detail::jsonb, @FromState, @ToState, @Reason)
            """, new
            {
                e.CaseId, e.At, e.ActorId, e.ActorName, e.Action, e.TextBefore, e.TextAfter, e.Detail,
                FromState = e.FromState?.ToString(), ToState = e.ToState?.ToString(), e.Reason,
            }, ct);
}
