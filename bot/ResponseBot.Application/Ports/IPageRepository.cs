namespace ResponseBot.Application.Ports;

/// <summary>Pages already sent, as the decision log records them.</summary>
public interface IPageRepository
{
    /// <summary>Whether the page of this outbox message was sent (its send succeeded, the message's completion may not have).</summary>
    Task<bool> SentAsync(long caseId, long outboxId, CancellationToken ct);
}
