using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox;

/// <summary>
/// Drains the outbox on every instance at once. Each pool (Teams sends; publication and paging) has its own workers, so
/// neither waits on the other; a worker takes one message from a lane nobody is sending in, so a slow or throttled
/// conversation holds one worker, never the rest. Woken by the database the moment a message commits (LISTEN/NOTIFY),
/// and by a poll for messages that become due later. On stopping it claims nothing more, gives in-flight sends a moment
/// to finish, and gives back the rest.
/// </summary>
public sealed class OutboxDispatcher(IOutboxQueue store, IOutboxNotifications notifications, OutboxSend send, Wakeups wakeups,
    IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var listening = o.ListenForNotifications ? ListenAsync(stoppingToken) : Task.CompletedTask;
        await Task.WhenAll(
            RunPoolAsync(OutboxLanes.ChatPool, o.ChatWorkers, stoppingToken),
            RunPoolAsync(OutboxLanes.OtherPool, o.OtherWorkers, stoppingToken),
            listening);
    }

    private async Task RunPoolAsync(string pool, int workers, CancellationToken stopping)
    {
        var o = options.Value;
        using var sending = new CancellationTokenSource();
        var running = new HashSet<Task>();
        while (!stopping.IsCancellationRequested)
        {
            // Taken before claiming: a commit notified while the claim runs wakes the next wait at once.
            var woken = wakeups.Next(pool);
            var free = workers - running.Count;
            var claimed = 0;
            if (free > 0)
            {
                try
                {
                    var batch = await store.ClaimDueAsync(pool, clock.Now(), free, o.Lease, stopping);
                    foreach (var message in batch) running.Add(send.RunAsync(message, sending.Token));
                    claimed = batch.Count;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    // The database may be briefly unreachable: keep the pool alive and look again after a poll.
                    log.LogError(ex, "Outbox claim for pool {Pool} failed", pool);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    break; // stopping: whatever the claim ran into, the sends under way are still drained below
                }
            }
            // Full batch with workers to spare: there may be more due right now.
            if (claimed > 0 && claimed == free) continue;
            var waits = running.Append(woken).Append(Task.Delay(o.PollInterval, clock, stopping));
            try
            {
                await Task.WhenAny(waits);
            }
            finally
            {
                running.RemoveWhere(t => t.IsCompleted);
            }
        }
        await DrainAsync(pool, running, sending);
    }

    /// <summary>In-flight sends get <see cref="OutboxOptions.DrainTimeout"/> to finish; the rest are cancelled and given back.</summary>
    private async Task DrainAsync(string pool, HashSet<Task> running, CancellationTokenSource sending)
    {
        running.RemoveWhere(t => t.IsCompleted);
        if (running.Count == 0) return;
        log.LogInformation("Stopping: waiting for {Count} outbox sends in pool {Pool}", running.Count, pool);
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(options.Value.DrainTimeout)) != all) await sending.CancelAsync();
        try { await all; }
        catch (Exception ex) { log.LogWarning(ex, "An outbox send failed while stopping"); }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await notifications.ListenAsync(
                    wakeups.Set,
                    // Anything committed while nobody was listening: look now rather than at the next poll.
                    wakeups.SetAll,
                    stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning("Outbox notifications lost ({Error}); polling until they are back", ex.GetType().Name);
                try { await Task.Delay(options.Value.ListenRetryDelay, clock, stopping); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
