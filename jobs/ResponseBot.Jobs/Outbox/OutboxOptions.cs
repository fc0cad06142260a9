using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Jobs.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How often an idle pool looks for messages that have become due (retries, scheduled sends). New messages don't wait
    /// for it: the database notifies every instance as they commit.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Off behind a connection pooler in transaction mode (PgBouncer), which can't carry LISTEN: new messages are then
    /// found by the poll alone.
    /// </summary>
    public bool ListenForNotifications { get; set; } = true;

    /// <summary>How long to wait before listening again after the notification connection failed.</summary>
    public TimeSpan ListenRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Concurrent Teams sends per instance, each to a different conversation.</summary>
    [Range(1, 256)]
    public int ChatWorkers { get; set; } = 16;

    /// <summary>Concurrent publications, moderations and pages per instance.</summary>
    [Range(1, 256)]
    public int OtherWorkers { get; set; } = 4;

    /// <summary>On stopping, how long sends already under way get to finish before they are cancelled and given back.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest giving a message back may take on stopping (the database may be the reason for the stop).</summary>
    public TimeSpan ReleaseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long messages wait when Teams refuses the app for everyone (blocked by an admin, credentials refused).</summary>
    public TimeSpan AppRefusedRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a claimed message stays with this worker before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);
}
