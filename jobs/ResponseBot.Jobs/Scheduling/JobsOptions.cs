using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Jobs.Scheduling;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run the scheduler in this instance. Every instance may: the clustered store fires each trigger once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (seconds first), in the organisation's time zone.</summary>
    public string CoverageGapCheckCron { get; set; } = "0 0 8 * * ?";

    /// <summary>Quartz cron for the managers' morning digest, in the organisation's time zone.</summary>
    public string MorningDigestCron { get; set; } = "0 30 8 ? * MON-FRI";

    /// <summary>Quartz cron for the nightly check of the decision log's hash chain, in the organisation's time zone.</summary>
    public string AuditVerifyCron { get; set; } = "0 15 3 * * ?";

    /// <summary>
    /// How often rows committed to the decision log are given their places in its hash chain. Every instance runs the sealer,
    /// whether or not it runs the scheduler; one seals at a time.
    /// </summary>
    public TimeSpan DecisionLogSealInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often personal data past its retention period is looked for (and redacted, a batch at a time).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 60)]
    public int GapCheckDays { get; set; } = 14;

    /// <summary>How late a fire time may be before Quartz treats it as missed (and the misfire check runs this often).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often due escalation timers are looked for: their resolution.</summary>
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often shift changes (a layer changing hands) are looked for.</summary>
    public TimeSpan ShiftChangeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each polled account (Bluesky) is asked for new mentions, and how often due accounts are looked for.</summary>
    public TimeSpan SourcePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often accounts with <c>SilentAfter</c> are checked for having gone quiet.</summary>
    public TimeSpan SourceSilenceInterval { get; set; } = TimeSpan.FromMinutes(5);
}
