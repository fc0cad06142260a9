using NodaTime;
namespace ResponseBot.Application.Ports;

/// <summary>Scheduled job runs (job_runs): a run already recorded (by another instance) is not run again.</summary>
public interface IJobRunRepository
{
    Task<bool> TryStartAsync(string job, Instant scheduledFor, string instance, Instant now, CancellationToken ct);

    /// <summary>When this job last ran before <paramref name="before"/> (its scheduled time), if ever.</summary>
    Task<Instant?> PreviousAsync(string job, Instant before, CancellationToken ct);
}
