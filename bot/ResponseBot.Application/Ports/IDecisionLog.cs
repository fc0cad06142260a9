using ResponseBot.Domain.Cases;

namespace ResponseBot.Application.Ports;

/// <summary>The append-only decision_log.</summary>
public interface IDecisionLog
{
    Task AppendAsync(DecisionEntry entry, CancellationToken ct);
}
