using NodaTime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Metrics;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox;

/// <summary>
/// Drains the outbox: claims due messages, runs each kind's handler, and completes, reschedules or
/// fails them. Safe to run on every instance at once (claims use SKIP LOCKED and leases).
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IOutboxQueue store, IOptions<OutboxOptions> options, ResponseBotMetrics metrics, TimeProvider clock,
    ILogger<OutboxDispatcher> log)
    : BackgroundService
{
    private readonly Random _jitter = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unreachable; keep the worker alive and try again.
                log.LogError(ex, "Outbox pass failed");
                handled = 0;
            }
            if (handled == 0)
            {
                try { await Task.Delay(options.Value.PollInterval, clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One claim-and-dispatch pass; returns how many messages it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var batch = await store.ClaimDueAsync(clock.Now(), o.BatchSize, o.Lease, ct);
        if (batch.Count == 0) return 0;
        using var scope = scopes.CreateScope();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToDictionary(h => h.Kind);
        foreach (var message in batch)
            await DispatchAsync(message, handlers, ct);
        return batch.Count;
    }

    private async Task DispatchAsync(OutboxMessage message, IReadOnlyDictionary<string, IOutboxHandler> handlers, CancellationToken ct)
    {
        using var _ = log.BeginScope(new Dictionary<string, object?> { ["OutboxId"] = message.Id, ["CaseId"] = message.CaseId, ["Kind"] = message.Kind });
        if (!handlers.TryGetValue(message.Kind, out var handler))
        {
            log.LogError("No handler for outbox kind {Kind}", message.Kind);
            await store.FailAsync(message, clock.Now(), "no handler for this kind", ct);
            return;
        }
        // Messages later in a batch may wait a while: re-lease each one just before working on it, and
        // bound the work to well inside that lease, so no other instance can take it while it runs.
        var lease = options.Value.Lease;
        if (!await store.TryRenewAsync(message, clock.Now() + Duration.FromTimeSpan(lease), ct))
        {
            log.LogWarning("Outbox {OutboxId} was taken over by another worker; leaving it", message.Id);
            return;
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(lease * 0.8);
        try
        {
            await handler.HandleAsync(message, budget.Token);
            await store.CompleteAsync(message, clock.Now(), ct);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested && message.Attempts < options.Value.MaxAttempts)
        {
            log.LogWarning("Outbox {OutboxId} ran out of time; retrying", message.Id);
            await RetryAsync(message, RetryDelay.For(message.Attempts, null, options.Value, _jitter), "timed out", ct);
        }
        catch (DeliveryException ex) when (ex.Failure == DeliveryFailure.Transient && message.Attempts < options.Value.MaxAttempts)
        {
            var delay = RetryDelay.For(message.Attempts, ex.RetryAfter, options.Value, _jitter);
            log.LogWarning("Outbox {OutboxId} attempt {Attempt} failed ({Reason}); retrying in {Delay}", message.Id, message.Attempts, ex.Message, delay);
            await RetryAsync(message, delay, ex.Message, ct);
        }
        catch (DeliveryException ex)
        {
            await GiveUpAsync(message, handler, ex.Failure, ex.Failure == DeliveryFailure.Transient ? $"gave up after {message.Attempts} attempts: {ex.Message}" : ex.Message, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A bug or an unexpected state: retried like a transient failure, but logged with the exception.
            log.LogError(ex, "Outbox {OutboxId} handler threw", message.Id);
            if (message.Attempts < options.Value.MaxAttempts)
                await RetryAsync(message, RetryDelay.For(message.Attempts, null, options.Value, _jitter), ex.GetType().Name, ct);
            else
                await GiveUpAsync(message, handler, DeliveryFailure.Transient, $"gave up after {message.Attempts} attempts: {ex.GetType().Name}", ct);
        }
    }

    private async Task RetryAsync(OutboxMessage message, TimeSpan delay, string reason, CancellationToken ct)
    {
        await store.RescheduleAsync(message, clock.Now() + Duration.FromTimeSpan(delay), reason, ct);
        metrics.OutboxRetried(message.Kind);
    }

    private async Task GiveUpAsync(OutboxMessage message, IOutboxHandler handler, DeliveryFailure failure, string reason, CancellationToken ct)
    {
        log.LogError("Outbox {OutboxId} abandoned: {Reason}", message.Id, reason);
        // The consequence first (e.g. the case goes to Failed): if it throws, the message stays leased and is
        // given up on again later, instead of leaving the case stuck with no message behind it.
        await handler.OnGaveUpAsync(message, failure, reason, ct);
        await store.FailAsync(message, clock.Now(), reason, ct);
    }
}
