namespace ResponseBot.Teams.Outbound;

/// <summary>
/// Where our connector token may be sent. serviceUrl arrives in activity bodies, so without this
/// a forged or misrouted activity could make us hand the bot's token to any host.
/// </summary>
public sealed class ServiceUrlPolicy(IReadOnlyList<string> trustedHosts, bool allowLoopback)
{
    public bool IsTrusted(Uri url)
    {
        if (url.IsLoopback) return allowLoopback;
        if (url.Scheme != Uri.UriSchemeHttps) return false;
        return trustedHosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? url.Host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(url.Host, pattern, StringComparison.OrdinalIgnoreCase));
    }
}
