namespace ResponseBot.Teams.Outbound;

/// <summary>The bearer token for calls to the Bot Connector (the SDK's credential seam).</summary>
public interface IConnectorTokenProvider
{
    /// <summary>Null means "send no Authorization header" (local Teams stand-in only).</summary>
    Task<string?> GetTokenAsync(CancellationToken ct);
}

public sealed class AnonymousConnectorTokens : IConnectorTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}
