using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Jobs.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often an idle worker looks for due messages (other instances' writes included).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed message stays with this worker before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
