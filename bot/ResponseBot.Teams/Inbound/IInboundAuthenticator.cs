namespace ResponseBot.Teams.Inbound;

public enum InboundAuthStatus
{
    Authenticated,
    Rejected,
    /// <summary>We couldn't check (signing keys unreachable): a 503, so the channel retries.</summary>
    Unavailable,
}

/// <summary>The outcome; <see cref="Reason"/> is for our log only, never the response body.</summary>
public sealed record InboundAuthResult(InboundAuthStatus Status, string? Reason = null)
{
    public static readonly InboundAuthResult Ok = new(InboundAuthStatus.Authenticated);

    public static InboundAuthResult Reject(string reason) => new(InboundAuthStatus.Rejected, reason);
}

/// <summary>Checks that an inbound activity really comes from the channel service (the SDK's seam).</summary>
public interface IInboundAuthenticator
{
    Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string channelId, string serviceUrl, CancellationToken ct);
}

/// <summary>Local Teams stand-in only; the host refuses to start with it outside Development.</summary>
public sealed class NoInboundAuthentication : IInboundAuthenticator
{
    public Task<InboundAuthResult> AuthenticateAsync(string? authorizationHeader, string channelId, string serviceUrl, CancellationToken ct) =>
        Task.FromResult(InboundAuthResult.Ok);
}
