using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Audit;
using ResponseBot.Jobs.Scheduling;

namespace ResponseBot.Jobs.Records;

/// <summary>
/// Seals the decision log's new rows into its hash chain every <see cref="JobsOptions.DecisionLogSealInterval"/>, and once
/// more on stopping. A failed pass (the database away) is simply tried again next time: nothing is lost by waiting.
/// </summary>
public sealed class DecisionLogSealer(IServiceScopeFactory scopes, IOptions<JobsOptions> options, TimeProvider clock, ILogger<DecisionLogSealer> log)
    : BackgroundService
{
    private static readonly TimeSpan LastPassBudget = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.DecisionLogSealInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await PassAsync(stoppingToken);
            try { await Task.Delay(every, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        // Rows this instance wrote just before stopping get their places now rather than from the next instance.
        using var last = new CancellationTokenSource(LastPassBudget);
        await PassAsync(last.Token);
    }

    private async Task PassAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var count = await scope.ServiceProvider.GetRequiredService<SealDecisionLog>().RunAsync(ct);
            if (count > 0) log.LogDebug("Sealed {Rows} decision log rows", count);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Decision log rows not sealed this time ({Error}); trying again", ex.GetType().Name);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Stopping: the next instance (or the next start) seals them.
        }
    }
}
