namespace ResponseBot.Domain.Outbox;

/// <summary>One pending send, written in the same transaction as the state change that caused it.</summary>
public sealed record OutboxMessage(long Id, string Kind, long? CaseId, string? Recipient, string? Payload, int Attempts)
{
    /// <summary>Proves this worker still holds the message; changes whenever anyone claims it.</summary>
    public Guid LeaseToken { get; init; }
}

public static class OutboxKinds
{
    public const string CaseCard = "chat.case_card";
    public const string CaseCardUpdate = "chat.case_card_update";
    public const string Text = "chat.text";
    public const string Card = "chat.card";
    /// <summary>A new calendar link, issued only as it is sent, so the secret never rests in the outbox.</summary>
    public const string CalendarLink = "chat.calendar_link";
    public const string PublishReply = "reply.publish";
    public const string HoldingReply = "reply.holding";
}

/// <summary>Performs one kind of outbox message. Throw <see cref="DeliveryException"/> to retry or fail.</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>Called once when the message is abandoned, so the case can go back to people.</summary>
    Task OnGaveUpAsync(OutboxMessage message, DeliveryFailure failure, string reason, CancellationToken ct);
}

public interface IOutboxStore
{
    /// <summary>Leases due messages; a lease that runs out (crashed instance) makes them due again.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct);

    /// <summary>Extends the lease right before the message is worked on. False: someone else holds it now.</summary>
    Task<bool> TryRenewAsync(OutboxMessage message, DateTimeOffset until, CancellationToken ct);

    // Each applies only while the caller still holds the lease.
    Task CompleteAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct);

    Task RescheduleAsync(OutboxMessage message, DateTimeOffset dueAt, string error, CancellationToken ct);

    Task FailAsync(OutboxMessage message, DateTimeOffset now, string error, CancellationToken ct);

    Task EnqueueTextAsync(string recipientStaffId, string text, DateTimeOffset now, CancellationToken ct);

    /// <summary>A message of <paramref name="kind"/> that carries nothing: its handler works out what to send.</summary>
    Task EnqueueAsync(string kind, string recipientStaffId, DateTimeOffset now, CancellationToken ct);

    /// <summary>A card posted as it is now (a snapshot: who's on call, the rota), with the notification summary.</summary>
    Task EnqueueCardAsync(string recipientStaffId, System.Text.Json.Nodes.JsonObject card, string summary, DateTimeOffset now, CancellationToken ct);
}

/// <summary>The payload of a <see cref="OutboxKinds.Card"/> message.</summary>
public sealed record CardPayload(System.Text.Json.Nodes.JsonObject Card, string Summary);
