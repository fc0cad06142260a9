namespace ResponseBot.Domain.Outbox;

/// <summary>One pending send, written in the same transaction as the state change that caused it.</summary>
public sealed record OutboxMessage(long Id, string Kind, long? CaseId, string? Recipient, string? Payload, int Attempts);

public static class OutboxKinds
{
    public const string CaseCard = "chat.case_card";
    public const string CaseCardUpdate = "chat.case_card_update";
    public const string Text = "chat.text";
    public const string PublishReply = "reply.publish";
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

    Task CompleteAsync(long id, DateTimeOffset now, CancellationToken ct);

    Task RescheduleAsync(long id, DateTimeOffset dueAt, string error, CancellationToken ct);

    Task FailAsync(long id, DateTimeOffset now, string error, CancellationToken ct);

    Task EnqueueTextAsync(string recipientStaffId, string text, DateTimeOffset now, CancellationToken ct);
}
