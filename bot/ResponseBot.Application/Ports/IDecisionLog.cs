using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>The append-only decision_log.</summary>
public interface IDecisionLog
{
    /// <summary>Adds the row; its id. Its place in the hash chain is given when the unit of work commits.</summary>
    Task<long> AppendAsync(DecisionEntry entry, CancellationToken ct);

    /// <summary>Adds the rows in one statement, in order.</summary>
    Task AppendAsync(IReadOnlyList<DecisionEntry> entries, CancellationToken ct);
}
