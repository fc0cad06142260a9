using NodaTime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Metrics;
using ResponseBot.Application.Ports;
using ResponseBot.Domain;
using ResponseBot.Domain.Outbox;

namespace ResponseBot.Jobs.Outbox;

/// <summary>
/// Sends one claimed message with its kind's handler and records the outcome: done, retried later, deferred without
/// counting the attempt (the platform's budget is spent, or Teams refuses the app for everyone), given up on, or given back
/// when this instance stops before it could be sent.
/// </summary>
public sealed class OutboxSend(IServiceScopeFactory scopes, IOutboxQueue store, IOptions<OutboxOptions> options, ResponseBotMetrics metrics,
    TimeProvider clock, ILogger<OutboxSend> log)
{
    private readonly Random _jitter = Random.Shared;

    /// <param name="stopping">Cancelled when the instance stops: the message is given back for another to send.</param>
    public async Task RunAsync(OutboxMessage message, CancellationToken stopping)
    {
        using var _ = log.BeginScope(new Dictionary<string, object?> { ["OutboxId"] = message.Id, ["CaseId"] = message.CaseId, ["Kind"] = message.Kind });
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Kind == message.Kind);
            if (handler is null)
            {
                log.LogError("No handler for outbox kind {Kind}", message.Kind);
                await store.FailAsync(message, clock.Now(), "no handler for this kind", stopping);
                return;
            }
            await SendAsync(message, handler, stopping);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            await GiveBackAsync(message);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            // Recording the outcome failed (the database went away): the lease runs out and the message is sent again.
            log.LogError(ex, "Outbox {OutboxId}: outcome not recorded; it will be retried when its lease runs out", message.Id);
        }
    }

    private async Task SendAsync(OutboxMessage message, IOutboxHandler handler, CancellationToken ct)
    {
        var o = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Well inside the lease, so no other instance takes the message while this one still works on it.
        budget.CancelAfter(o.Lease * 0.8);
        try
        {
            await handler.HandleAsync(message, budget.Token);
            await store.CompleteAsync(message, clock.Now(), ct);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !ct.IsCancellationRequested && message.Attempts < o.MaxAttempts)
        {
            log.LogWarning("Outbox {OutboxId} ran out of time; retrying", message.Id);
            await RetryAsync(message, RetryDelay.For(message.Attempts, null, o, _jitter), "timed out", ct);
        }
        catch (DeliveryException ex) when (ex.Failure == DeliveryFailure.Paced)
        {
            await store.DeferAsync(message, clock.Now() + Duration.FromTimeSpan(ex.RetryAfter ?? o.FirstRetryDelay), ex.Message, ct);
            metrics.OutboxDeferred(message.Kind);
        }
        catch (DeliveryException ex) when (ex.Failure == DeliveryFailure.AppRefused)
        {
            // Nobody's fault and nothing to give up on: every message waits until an admin unblocks the app (or its
            // credentials are fixed), then goes as if nothing happened.
            log.LogError("Outbox {OutboxId}: the chat service refuses the app itself ({Reason}); trying again in {Delay}", message.Id, ex.Message, o.AppRefusedRetryDelay);
            await store.DeferAsync(message, clock.Now() + Duration.FromTimeSpan(o.AppRefusedRetryDelay), ex.Message, ct);
            metrics.OutboxDeferred(message.Kind);
        }
        catch (DeliveryException ex) when (ex.Failure == DeliveryFailure.Transient && message.Attempts < o.MaxAttempts)
        {
            var delay = RetryDelay.For(message.Attempts, ex.RetryAfter, o, _jitter);
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
            if (message.Attempts < o.MaxAttempts)
                await RetryAsync(message, RetryDelay.For(message.Attempts, null, o, _jitter), ex.GetType().Name, ct);
            else
                await GiveUpAsync(message, handler, DeliveryFailure.Transient, $"gave up after {message.Attempts} attempts: {ex.GetType().Name}", ct);
        }
    }

    /// <summary>Bounded, so a stop with the database gone isn't held up; if it can't be recorded, the lease runs out instead.</summary>
    private async Task GiveBackAsync(OutboxMessage message)
    {
        using var bounded = new CancellationTokenSource(options.Value.ReleaseTimeout);
        try
        {
            await store.ReleaseAsync(message, bounded.Token);
            log.LogInformation("Outbox {OutboxId} given back on stopping", message.Id);
        }
        catch (Exception ex)
        {
            log.LogWarning("Outbox {OutboxId} could not be given back on stopping ({Error}); it is sent again when its lease runs out", message.Id, ex.GetType().Name);
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
