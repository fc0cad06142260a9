using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ResponseBot.Jobs.Scheduling;

/// <summary>
/// Runs the Quartz scheduler for the host, with a stop that is bounded (5 s, inside the host's 8). Quartz's
/// stop waits for running jobs, and a job finishing while the database is down has its completion retried by the job
/// store until the database answers: unbounded, that held a SIGTERM for minutes. The stop now waits for jobs only as long
/// as the host allows; whatever Quartz hasn't recorded then is recovered by the cluster (the trigger fires again).
/// </summary>
public sealed class SchedulerService(ISchedulerFactory factory, DeclaredTriggers triggers, ILogger<SchedulerService> log) : IHostedService
{
    /// <summary>Inside the host's 8 s, leaving time to dispose everything else after it.</summary>
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(5);

    private IScheduler? _scheduler;

    /// <summary>
    /// False once a stop gave up on Quartz: its job store keeps foreground threads until it has shut down, so the process
    /// must end itself rather than wait for them (see Program).
    /// </summary>
    public bool StoppedCleanly { get; private set; } = true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await factory.GetScheduler(cancellationToken);
        await triggers.ApplyAsync(_scheduler, log, cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is null) return;
        var shutdown = _scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None).AsTask();
        var gaveUp = Task.Delay(StopWithin, cancellationToken);
        try { await Task.WhenAny(shutdown, gaveUp); }
        catch (OperationCanceledException) { }
        if (shutdown.IsCompleted) return;
        StoppedCleanly = false;
        log.LogWarning("The scheduler had not stopped when the host's shutdown time ran out (is the database down?): stopping without it");
    }
}
