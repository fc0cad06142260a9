namespace ResponseBot.Domain.Chat;

/// <summary>Remembers which inbound activities were already handled (channels retry on timeouts).</summary>
public interface IInboundActivityLog
{
    /// <summary>True the first time <paramref name="key"/> is seen, false for a repeat.</summary>
    Task<bool> FirstTimeAsync(string key, DateTimeOffset now, CancellationToken ct);

    /// <summary>Handling failed: forget the key, so the channel's retry is processed rather than ignored.</summary>
    Task ForgetAsync(string key, CancellationToken ct);
}
