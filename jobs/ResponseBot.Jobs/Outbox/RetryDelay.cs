namespace ResponseBot.Jobs.Outbox;

public static class RetryDelay
{
    /// <summary>
    /// The server's Retry-After when it gave one; otherwise exponential back-off with ±20% jitter so
    /// many messages that failed together don't all come back in the same instant.
    /// </summary>
    public static TimeSpan For(int attempt, TimeSpan? retryAfter, OutboxOptions options, Random random)
    {
        if (retryAfter is { } given) return given < options.MaxRetryDelay ? given : options.MaxRetryDelay;
        var exponential = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * random.NextDouble()));
    }
}
