using Microsoft.Extensions.Options;
using ResponseBot.Application.Metrics;

namespace ResponseBot.Host.Metrics;

/// <summary>
/// Re-reads the database-backed gauges every <see cref="MetricsOptions.RefreshInterval"/>: however often (or however many)
/// scrapers ask, the database is asked once per interval, each read bounded in time. A failed read keeps the last figures,
/// and <c>responsebot_metrics_snapshot_age_seconds</c> shows they are getting old.
/// </summary>
internal sealed class MetricsRefresher(IServiceScopeFactory scopes, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<MetricsRefresher> log)
    : BackgroundService
{
    private static readonly TimeSpan MinBudget = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.RefreshInterval;
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            do
            {
                await RefreshAsync(every > MinBudget ? every : MinBudget, stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(TimeSpan budget, CancellationToken stoppingToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        limit.CancelAfter(budget);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RefreshMetrics>().RunAsync(limit.Token);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogWarning(ex, "Metrics gauges not refreshed: {Error}", ex.GetType().Name);
        }
    }
}
