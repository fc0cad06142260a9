using System.Security.Cryptography;
using System.Text;
using NodaTime;
using ResponseBot.Domain.Audit;

namespace ResponseBot.Tests.Unit.Records;

public sealed class DecisionChainTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 12, 1, 22, 15, 30) + Duration.FromTicks(1234560);

    /// <summary>A chain sealed the way the database seals it: each row hashed over the previous row's hash.</summary>
    private static List<ChainRow> Chain(int n)
    {
        var rows = new List<ChainRow>();
        var prev = DecisionChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var row = new ChainRow(100 + i, i, 7, At + Duration.FromSeconds(i), "aad-alex", "Alex Wilber", i == 3 ? "redacted" : "approved",
                "Notified", "Scheduled", null, "{\"verb\": \"case.approve\"}", 4, "before " + i, "Hi — £5 ✓ " + i, null, prev, null, null);
            var digest = DecisionChain.ContentDigest(row.TextBefore, row.TextAfter);
            var hash = DecisionChain.RowHash(prev, row, digest);
            rows.Add(row with { ContentDigest = digest, RowHash = hash });
            prev = hash;
        }
        return rows;
    }

    [Fact]
    public void The_encoding_is_length_prefixed_utf8_with_a_mark_for_null()
    {
        // Lengths are in UTF-8 bytes (£ is two), as the database counts them (migration 0021); a change to either breaks every stored chain.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes("3:£5~"));
        Assert.Equal(expected, DecisionChain.ContentDigest("£5", null));
        Assert.NotEqual(DecisionChain.ContentDigest("a", "b"), DecisionChain.ContentDigest("ab", null));
        Assert.NotEqual(DecisionChain.ContentDigest(null, "x"), DecisionChain.ContentDigest("x", null));
        Assert.NotEqual(DecisionChain.ContentDigest("", null), DecisionChain.ContentDigest(null, null));
    }

    [Fact]
    public void An_untouched_chain_verifies_with_its_count_and_head()
    {
        var rows = Chain(5);
        var result = DecisionChain.Verify(rows);
        Assert.True(result.Ok);
        Assert.Equal((5L, (long?)5), (result.Rows, result.HeadSeq));
        Assert.Equal(rows[^1].RowHash, result.HeadHash);
        Assert.True(DecisionChain.Verify([]) is { Ok: true, Rows: 0, HeadHash: null });
    }

    [Fact]
    public void Any_field_changed_names_its_row()
    {
        foreach (var change in new Func<ChainRow, ChainRow>[]
        {
            r => r with { ActorName = "Someone Else" }, r => r with { At = r.At + Duration.FromTicks(10) }, r => r with { ToState = "Sent" },
            r => r with { DetailText = "{\"verb\": \"case.dismiss\"}" }, r => r with { CardVersion = 5 }, r => r with { Reason = "" },
            r => r with { CaseId = null }, r => r with { Action = "dismissed" },
        })
        {
            var rows = Chain(5);
            rows[2] = change(rows[2]);
            var result = DecisionChain.Verify(rows);
            Assert.Equal(new ChainBreak(103, 3, "has content that was changed after it was written"), result.Break);
            Assert.Equal(2, result.Rows);
        }
    }

    [Fact]
    public void Changed_texts_removed_rows_and_unsealed_rows_are_each_named()
    {
        var rows = Chain(5);
        rows[1] = rows[1] with { TextAfter = "Hi — £50 ✓ 2" };
        Assert.Equal(new ChainBreak(102, 2, "has texts that were changed after it was written"), DecisionChain.Verify(rows).Break);

        rows = Chain(5);
        rows.RemoveAt(1);
        Assert.Equal(new ChainBreak(103, 3, "is at place 3 where 2 was expected: rows are missing before it"), DecisionChain.Verify(rows).Break);

        rows = Chain(5);
        rows[3] = rows[3] with { Seq = 3 };   // renumbered to close the gap: the link still breaks
        rows.RemoveAt(2);
        Assert.Equal(new ChainBreak(104, 3, "does not link to the row before it"), DecisionChain.Verify(rows).Break);
    }

    [Fact]
    public void Redacted_texts_keep_the_chain_only_when_a_recorded_redaction_replaced_them()
    {
        var rows = Chain(5);
        rows[1] = rows[1] with { TextAfter = "Hi [redacted]", RedactedBy = 103, RedactedDigest = DecisionChain.ContentDigest("before 2", "Hi [redacted]") };
        Assert.True(DecisionChain.Verify(rows).Ok);   // row 103 is a 'redacted' row

        var edited = rows.ToList();
        edited[1] = edited[1] with { TextAfter = "Hi [redacted], get lost" };
        Assert.Equal(new ChainBreak(102, 2, "has texts that were changed after they were redacted"), DecisionChain.Verify(edited).Break);

        rows[1] = rows[1] with { RedactedBy = 104 };   // row 104 is an approval, not a redaction
        Assert.Equal(new ChainBreak(102, 2, "names redaction 104, which the log does not record"), DecisionChain.Verify(rows).Break);
    }
}
