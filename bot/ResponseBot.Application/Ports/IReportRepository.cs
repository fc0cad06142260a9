using NodaTime;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Application.Ports;

/// <summary>Read models for reports.</summary>
public interface IReportRepository
{
    /// <summary>Cases received in [<paramref name="from"/>, <paramref name="to"/>), oldest first, with how often a timer escalated
    /// each (decision log entries of <paramref name="timerAction"/>) and how often a person did (<paramref name="escalatedAction"/>).</summary>
    Task<IReadOnlyList<DigestCase>> CasesReceivedAsync(Instant from, Instant to, string timerAction, string escalatedAction, CancellationToken ct);
}
