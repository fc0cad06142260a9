using System.Diagnostics.Metrics;
using NodaTime;

namespace ResponseBot.Application.Metrics;

/// <summary>Who escalated a case: a person pressing Escalate (to the managers), or an escalation timer asking the next person.</summary>
public enum EscalationSource { Manager, Timer }

/// <summary>
/// The bot's own measurements, on one meter. Counters and the response-time histogram are recorded by the code that makes the
/// thing true, after its commit; the gauges read the latest <see cref="MetricsSnapshot"/>, so a scrape never touches the
/// database. Tags are ids and fixed words only: never a handle, a name or a mention's text.
/// </summary>
public sealed class ResponseBotMetrics
{
    public const string MeterName = "ResponseBot";

    // Replies take minutes to hours; the SDK's default buckets are for milliseconds.
    private static readonly double[] ResponseBuckets = [60, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

    private readonly TimeProvider _clock;
    private readonly Counter<long> _mentions;
    private readonly Histogram<double> _firstResponse;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _connectorRetries;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _outboxRetries;
    private readonly Counter<long> _outboxDeferrals;
    private volatile MetricsSnapshot? _snapshot;

    public ResponseBotMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _mentions = meter.CreateCounter<long>("responsebot.mentions.received", "{mention}", "Mentions that became cases, by account id.");
        _firstResponse = meter.CreateHistogram<double>("responsebot.first_response.duration", "s",
            "From a case's arrival to its reply being published.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseBuckets });
        _escalations = meter.CreateCounter<long>("responsebot.escalations", "{escalation}", "Escalations: by a person to the managers, or by a timer.");
        _connectorRetries = meter.CreateCounter<long>("responsebot.connector.retries", "{retry}", "Calls to the Bot Connector retried in-process.");
        _throttled = meter.CreateCounter<long>("responsebot.http.throttled", "{response}", "HTTP 429 answers from Teams or a platform.");
        _outboxRetries = meter.CreateCounter<long>("responsebot.outbox.retries", "{retry}", "Outbox messages rescheduled after a transient failure.");
        _outboxDeferrals = meter.CreateCounter<long>("responsebot.outbox.deferrals", "{deferral}",
            "Outbox messages put back, not sent and not counted as an attempt: the platform's budget was spent, or it refused the app.");

        meter.CreateObservableGauge("responsebot.cases", () => Read(s => s.CasesByState.Select(c => new Measurement<long>(c.Value, Tag("state", c.Key)))),
            "{case}", "Cases in each state.");
        meter.CreateObservableGauge("responsebot.outbox.depth", () => Read<long>(s => [new(s.OutboxDue)]),
            "{message}", "Outbox messages due and not yet sent.");
        meter.CreateObservableGauge("responsebot.outbox.oldest_due.age", () => Read<double>(s => [new(s.OldestDueAt is { } at ? Age(at) : 0)]),
            "s", "How long the oldest due outbox message has waited (0 when none is due).");
        meter.CreateObservableGauge("responsebot.source.healthy", () => Read(s => s.Sources.Select(x => new Measurement<int>(x.Healthy ? 1 : 0, Tag("account", x.AccountId)))),
            null, "1 while a source delivers; 0 while it is failing or has gone quiet.");
        meter.CreateObservableGauge("responsebot.source.last_success.age", () => Read(s => s.Sources.Where(x => x.LastSuccessAt is not null)
            .Select(x => new Measurement<double>(Age(x.LastSuccessAt!.Value), Tag("account", x.AccountId)))), "s", "Since the source's last good poll or delivery.");
        meter.CreateObservableGauge("responsebot.source.last_mention.age", () => Read(s => s.Sources.Where(x => x.LastMentionAt is not null)
            .Select(x => new Measurement<double>(Age(x.LastMentionAt!.Value), Tag("account", x.AccountId)))), "s", "Since the account's last mention.");
        meter.CreateObservableGauge("responsebot.metrics.snapshot.age", () => Read<double>(s => [new(Age(s.TakenAt))]),
            "s", "How old the figures behind the other gauges are: growing means they are no longer being refreshed.");
    }

    public void MentionReceived(string accountId) => _mentions.Add(1, Tag("account", accountId));

    public void FirstResponse(Duration sinceReceived) => _firstResponse.Record(Math.Max(0, sinceReceived.TotalSeconds));

    public void Escalated(EscalationSource source) =>
        _escalations.Add(1, Tag("kind", source == EscalationSource.Manager ? "manager" : "timer"));

    public void ConnectorRetried(string connector) => _connectorRetries.Add(1, Tag("connector", connector));

    public void Throttled(string connector) => _throttled.Add(1, Tag("connector", connector));

    public void OutboxRetried(string kind) => _outboxRetries.Add(1, Tag("kind", kind));

    public void OutboxDeferred(string kind) => _outboxDeferrals.Add(1, Tag("kind", kind));

    /// <summary>The figures the gauges report from now on.</summary>
    public void Publish(MetricsSnapshot snapshot) => _snapshot = snapshot;

    // Before the first snapshot the gauges report nothing rather than zeros that would look like an empty system.
    private IEnumerable<Measurement<T>> Read<T>(Func<MetricsSnapshot, IEnumerable<Measurement<T>>> read) where T : struct =>
        _snapshot is { } s ? read(s).ToList() : [];

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private double Age(Instant at) => Math.Max(0, (Instant.FromDateTimeOffset(_clock.GetUtcNow()) - at).TotalSeconds);
}
