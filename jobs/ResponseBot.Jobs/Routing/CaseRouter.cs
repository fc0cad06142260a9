using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Cases;
using ResponseBot.Domain.Outbox;
using ResponseBot.Jobs.Outbox;

namespace ResponseBot.Jobs.Routing;

/// <summary>
/// Runs the router (<see cref="RouteCases"/>) on every instance, one batch after another while cases wait: woken the
/// moment stored cases commit (LISTEN/NOTIFY, through the outbox dispatcher's listener), and by the outbox's poll for
/// those whose wake-up was lost. Only one instance routes at a time; the others wait their turn at the database.
/// </summary>
public sealed class CaseRouter(IServiceScopeFactory scopes, Wakeups wakeups, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<CaseRouter> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before routing: cases committed while a batch runs wake the next wait at once.
            var woken = wakeups.Next(OutboxLanes.RouterSignal);
            var routed = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                routed = await scope.ServiceProvider.GetRequiredService<RouteCases>().RunAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                break; // the batch is rolled back: the next router routes it
            }
            catch (Exception ex)
            {
                // The database may be briefly away, or a batch refused: nothing is lost, it is tried again after a poll.
                log.LogError(ex, "Routing stored cases failed; trying again");
            }
            if (routed == RouteCases.Batch) continue;
            try { await Task.WhenAny(woken, Task.Delay(options.Value.PollInterval, clock, stoppingToken)); }
            catch (OperationCanceledException) { break; }
        }
    }
}
