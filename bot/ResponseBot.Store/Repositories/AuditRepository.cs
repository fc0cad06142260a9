using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Audit;

namespace ResponseBot.Store.Repositories;

internal sealed class AuditRepository(Session s) : IAuditRepository
{
    // detail::text is the database's own rendering of the jsonb: the form the chain hashed.
    private const string Columns = """
        id as Id, seq as Seq, case_id as CaseId, at as At, actor_id as ActorId, actor_name as ActorName, action as Action,
        from_state as FromState, to_state as ToState, reason as Reason, detail::text as DetailText, card_version as CardVersion,
        text_before as TextBefore, text_after as TextAfter, content_digest as ContentDigest, prev_hash as PrevHash,
        row_hash as RowHash, redacted_by as RedactedBy, redacted_digest as RedactedDigest
        """;

    public IAsyncEnumerable<ChainRow> ChainAsync(CancellationToken ct) =>
        s.StreamAsync<ChainRow>($"select {Columns} from decision_log where seq is not null order by seq", null, ct);

    public Task<int> SealPendingAsync(int max, bool wait, CancellationToken ct) =>
        s.ScalarAsync<int>("select decision_log_seal_pending(@max, @wait)", new { max, wait }, ct);

    public Task<byte[]?> HashAtAsync(long seq, CancellationToken ct) =>
        s.ScalarAsync<byte[]>("select row_hash from decision_log where seq = @seq", new { seq }, ct);

    public Task<AuditCheckpoint?> LastGoodCheckpointAsync(CancellationToken ct) =>
        s.FirstOrDefaultAsync<AuditCheckpoint>("""
            select checked_at as CheckedAt, rows as Rows, head_seq as HeadSeq, head_hash as HeadHash
              from audit_checkpoints where broken_at is null and problem is null order by id desc limit 1
            """, null, ct);

    public Task AddCheckpointAsync(AuditCheckpoint c, ChainBreak? broken, CancellationToken ct) =>
        s.ExecuteAsync("select record_audit_checkpoint(@CheckedAt, @Rows, @BrokenAt, @Problem)",
            new { c.CheckedAt, c.Rows, BrokenAt = broken?.Id, broken?.Problem }, ct);
}
