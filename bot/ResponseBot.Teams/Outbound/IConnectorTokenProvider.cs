namespace ResponseBot.Teams.Outbound;

/// <summary>The bearer token for calls to the Bot Connector (the SDK's credential seam).</summary>
public interface IConnectorTokenProvider
{
    /// <summary>Null means "send no Authorization header" (local Teams stand-in only).</summary>
    Task<string?> GetTokenAsync(CancellationToken ct);

    /// <summary>
    /// A token other than <paramref name="rejected"/>, which the connector just answered 401 to (revoked, or cached past a
    /// key roll): asks the token endpoint again unless another call already replaced it.
    /// </summary>
    Task<string?> RenewAsync(string? rejected, CancellationToken ct);
}

public sealed class AnonymousConnectorTokens : IConnectorTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>(null);

    public Task<string?> RenewAsync(string? rejected, CancellationToken ct) => Task.FromResult<string?>(null);
}
