using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace ResponseBot.Domain.Audit;

/// <summary>One decision_log row as the chain sees it; <see cref="DetailText"/> is the database's own rendering of the jsonb.</summary>
public sealed record ChainRow(
    long Id, long? Seq, long? CaseId, Instant At, string ActorId, string ActorName, string Action,
    string? FromState, string? ToState, string? Reason, string? DetailText, int? CardVersion,
    string? TextBefore, string? TextAfter, byte[]? ContentDigest, byte[]? PrevHash, byte[]? RowHash, long? RedactedBy, byte[]? RedactedDigest = null);

/// <summary>Where the chain first fails: the row, and what is wrong with it.</summary>
public sealed record ChainBreak(long Id, long? Seq, string Problem);

public sealed record ChainResult(long Rows, long? HeadSeq, byte[]? HeadHash, ChainBreak? Break)
{
    public bool Ok => Break is null;
}

/// <summary>
/// The decision log's hash chain, recomputed independently of the database that wrote it (migration 0021 seals rows with
/// the same encoding). Each field is written as its UTF-8 length, a colon and the value ('~' for null), so no two rows
/// encode alike; a row's hash covers the previous row's hash, its own fields and the digest of its personal texts —
/// the digest, not the texts, so redacting the texts later leaves the chain whole.
/// </summary>
public static class DecisionChain
{
    public static readonly byte[] Genesis = new byte[32];
    public static readonly string[] RedactionActions = ["redacted", "erased"];

    public static byte[] ContentDigest(string? textBefore, string? textAfter) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(Field(textBefore) + Field(textAfter)));

    public static byte[] RowHash(byte[] prev, ChainRow r, byte[] contentDigest)
    {
        var canonical = Field(r.Seq) + Field(r.Id) + Field(r.CaseId) + Field(r.At.ToUnixTimeTicks() / 10) +
            Field(r.ActorId) + Field(r.ActorName) + Field(r.Action) + Field(r.FromState) + Field(r.ToState) + Field(r.Reason) +
            Field(r.DetailText) + Field(r.CardVersion) + Field(Convert.ToHexStringLower(contentDigest));
        return SHA256.HashData([.. prev, .. Encoding.UTF8.GetBytes(canonical)]);
    }

    private static string Field(long? v) => Field(v?.ToString(CultureInfo.InvariantCulture));

    private static string Field(string? v) => v is null ? "~" : $"{Encoding.UTF8.GetByteCount(v)}:{v}";

    /// <summary>Walks rows in chain order and stops at the first break (see <see cref="ChainWalk"/>).</summary>
    public static ChainResult Verify(IEnumerable<ChainRow> rowsBySeq)
    {
        var walk = new ChainWalk();
        foreach (var r in rowsBySeq)
            if (!walk.Next(r)) break;
        return walk.Finish();
    }
}

/// <summary>
/// One pass over the chain, row by row, so a log of millions streams through without being held. Each row must be the next
/// place, link to the previous hash, still match its content digest (unless a recorded redaction replaced its texts) and its
/// own hash. (Rows are sealed just after they commit; whoever walks the chain seals what is waiting first.)
/// </summary>
public sealed class ChainWalk
{
    private byte[] _prev = DecisionChain.Genesis;
    private long _count;
    private long? _headSeq;
    private ChainBreak? _break;
    private readonly HashSet<long> _redactions = [];
    private readonly List<(long Id, long Seq, long By)> _redacted = [];

    /// <summary>False once the chain is broken: later rows can't be trusted to say anything more.</summary>
    public bool Next(ChainRow r)
    {
        if (_break is not null) return false;
        var expected = _count + 1;
        string? problem = null;
        if (r.Seq != expected) problem = $"is at place {r.Seq} where {expected} was expected: rows are missing before it";
        else if (r.PrevHash is null || !r.PrevHash.AsSpan().SequenceEqual(_prev)) problem = "does not link to the row before it";
        else if (r.ContentDigest is null) problem = "has no content digest";
        else if (r.RedactedBy is null && !DecisionChain.ContentDigest(r.TextBefore, r.TextAfter).AsSpan().SequenceEqual(r.ContentDigest))
            problem = "has texts that were changed after it was written";
        // Redacted texts can't be checked against the chain (it holds the originals' digest): against what the redaction left.
        else if (r.RedactedBy is not null && (r.RedactedDigest is null || !DecisionChain.ContentDigest(r.TextBefore, r.TextAfter).AsSpan().SequenceEqual(r.RedactedDigest)))
            problem = "has texts that were changed after they were redacted";
        byte[]? hash = null;
        if (problem is null)
        {
            hash = DecisionChain.RowHash(_prev, r, r.ContentDigest!);
            if (r.RowHash is null || !r.RowHash.AsSpan().SequenceEqual(hash)) problem = "has content that was changed after it was written";
        }
        if (problem is not null)
        {
            _break = new ChainBreak(r.Id, r.Seq, problem);
            return false;
        }
        if (DecisionChain.RedactionActions.Contains(r.Action)) _redactions.Add(r.Id);
        if (r.RedactedBy is { } by) _redacted.Add((r.Id, expected, by));
        _prev = hash!;
        _count = expected;
        _headSeq = expected;
        return true;
    }

    public ChainResult Finish()
    {
        // A row's texts may only have been replaced by a redaction the log itself records.
        if (_break is null && _redacted.FirstOrDefault(x => !_redactions.Contains(x.By)) is { Id: > 0 } unexplained)
            _break = new ChainBreak(unexplained.Id, unexplained.Seq, $"names redaction {unexplained.By}, which the log does not record");
        return new ChainResult(_count, _headSeq, _count == 0 ? null : _prev, _break);
    }
}
