namespace ResponseBot.Application.Ports;

/// <summary>Scheduled job runs (job_runs): a run already recorded (by another instance) is not run again.</summary>
public interface IJobRunRepository
{
    Task<bool> TryStartAsync(string job, DateTimeOffset scheduledFor, string instance, DateTimeOffset now, CancellationToken ct);

    /// <summary>When this job last ran before <paramref name="before"/> (its scheduled time), if ever.</summary>
    Task<DateTimeOffset?> PreviousAsync(string job, DateTimeOffset before, CancellationToken ct);
}
