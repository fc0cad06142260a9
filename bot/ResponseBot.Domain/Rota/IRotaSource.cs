using NodaTime;

namespace ResponseBot.Domain.Rota;

/// <summary>The configured rota with the stored overrides on top, and who coordinates it.</summary>
public interface IRotaSource
{
    DateTimeZone Zone { get; }

    IReadOnlyList<string> Coordinators { get; }

    /// <summary>Everyone who may approve and take escalations: the configured managers and the manager layer's rotation.</summary>
    IReadOnlyList<string> Managers { get; }

    /// <summary>Everyone who can be put on the rota: every layer's participants and the managers.</summary>
    IReadOnlyList<string> People { get; }

    /// <summary>Layers with a rotation configured.</summary>
    IReadOnlyList<Layer> Layers { get; }

    Task<RotaPlan> PlanAsync(Interval range, CancellationToken ct);
}

/// <summary>Records scheduled job runs; a run already recorded (by another instance) is not run again.</summary>
public interface IJobRunLog
{
    Task<bool> TryStartAsync(string job, DateTimeOffset scheduledFor, string instance, DateTimeOffset now, CancellationToken ct);
}
