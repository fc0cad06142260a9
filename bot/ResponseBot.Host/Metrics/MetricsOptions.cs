using System.Net;

namespace ResponseBot.Host.Metrics;

/// <summary>
/// <c>Metrics:*</c> — Prometheus's <c>/metrics</c>. Off unless a port or a token is set, because the figures (accounts, case
/// counts, how the sources are doing) are nobody's business on the bot's public port.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve /metrics on this port only (an extra listener), and never on the bot's own.</summary>
    public int? Port { get; set; }

    /// <summary>The address the metrics port listens on: loopback unless the scraper is elsewhere.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>A scrape must send <c>Authorization: Bearer</c> this. Alone, it serves /metrics on the bot's own port.</summary>
    public string? BearerToken { get; set; }

    /// <summary>How often the gauges that count things in the database are re-read.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsEnabled => Port is not null || !string.IsNullOrEmpty(BearerToken);

    public const int MinTokenLength = 32;

    public IEnumerable<string> Problems()
    {
        if (Port is { } port && port is < 1 or > 65535)
            yield return $"Metrics:Port must be between 1 and 65535 (it is {port}).";
        if (!(Host is "localhost" or "*" || IPAddress.TryParse(Host, out _)))
            yield return $"Metrics:Host must be an IP address, localhost or * (it is \"{Host}\").";
        if (BearerToken is { } token && (token.Length < MinTokenLength || token.Any(char.IsWhiteSpace)))
            yield return $"Metrics:BearerToken must be at least {MinTokenLength} characters with no spaces (e.g. openssl rand -hex 32).";
        if (RefreshInterval < TimeSpan.FromMilliseconds(100) || RefreshInterval > TimeSpan.FromHours(1))
            yield return "Metrics:RefreshInterval must be between 00:00:00.100 and 01:00:00.";
    }
}
