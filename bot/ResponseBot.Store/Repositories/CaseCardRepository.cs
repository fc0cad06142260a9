using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Store.Repositories;

internal sealed class CaseCardRepository(Session s) : ICaseCardRepository
{
    public Task RecordAsync(long caseId, PostedCard card, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into case_cards (case_id, staff_id, service_url, conversation_id, message_id, posted_at)
            values (@caseId, @StaffId, @ServiceUrl, @ConversationId, @MessageId, @now)
            on conflict (case_id, staff_id) do update
               set service_url = excluded.service_url, conversation_id = excluded.conversation_id,
                   message_id = excluded.message_id, posted_at = excluded.posted_at
            """, new { caseId, card.StaffId, card.ServiceUrl, card.ConversationId, card.MessageId, now }, ct);

    /// <summary>Every posted copy of case @caseId's card, oldest first.</summary>
    internal const string ForCaseSql = """
        select staff_id as StaffId, service_url as ServiceUrl, conversation_id as ConversationId, message_id as MessageId
          from case_cards where case_id = @caseId order by posted_at
        """;

    public Task<IReadOnlyList<PostedCard>> ForCaseAsync(long caseId, CancellationToken ct) => s.QueryAsync<PostedCard>(ForCaseSql, new { caseId }, ct);

    public async Task<IReadOnlySet<string>> OfferedToAsync(long caseId, bool countFailed, CancellationToken ct) =>
        (await s.QueryAsync<string>("""
            select staff_id from case_cards where case_id = @caseId
            union
            select recipient from outbox where kind = @Kind and case_id = @caseId and recipient is not null and (@countFailed or failed_at is null)
            """, new { caseId, countFailed, Kind = OutboxKinds.CaseCard }, ct)).ToHashSet();
}
