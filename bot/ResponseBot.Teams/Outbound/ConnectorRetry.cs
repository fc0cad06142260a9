using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using ResponseBot.Application.Metrics;

namespace ResponseBot.Teams.Outbound;

/// <summary>
/// How connector calls are retried in-process: on throttling and transient failures, honouring Retry-After. Built once
/// for the process: a <see cref="ConnectorClient"/> is made for every request that might send (a card click resolves one),
/// and building the pipeline validates its options through a process-wide lock, which queued every click behind the others.
/// </summary>
public sealed class ConnectorRetry
{
    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public ConnectorRetry(IOptions<BotOptions> options, ResponseBotMetrics metrics, TimeProvider clock, ILogger<ConnectorClient> log)
    {
        var o = options.Value;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, o.ConnectorRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.ConnectorRetryDelay,
                MaxDelay = o.ConnectorMaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(o.ConnectorRetries > 0 && args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Exception: TaskCanceledException { InnerException: TimeoutException } } => true,
                    { Result: { } r } => ConnectorClient.IsTransient(r.StatusCode) && !(ConnectorClient.RetryAfter(r) > o.ConnectorMaxRetryDelay),
                    _ => false,
                }),
                // The server's Retry-After wins over our own back-off.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? ConnectorClient.RetryAfter(r) : null),
                OnRetry = args =>
                {
                    log.LogInformation("Connector call retry {Attempt} in {Delay} after {Outcome}", args.AttemptNumber + 1, args.RetryDelay,
                        args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString() : args.Outcome.Exception?.GetType().Name);
                    args.Outcome.Result?.Dispose();
                    metrics.ConnectorRetried(ConnectorClient.MetricsName);
                    return default;
                },
            })
            .Build();
    }
}
