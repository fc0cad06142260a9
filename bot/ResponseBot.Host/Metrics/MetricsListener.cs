using System.Net;
using System.Net.Sockets;

namespace ResponseBot.Host.Metrics;

/// <summary>
/// The extra listener for <c>Metrics:Port</c>, added next to the bot's own addresses rather than instead of them: Kestrel
/// takes either the URLs (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>) or its own endpoint
/// configuration, and an address added the other way would silently replace the bot's.
/// </summary>
internal static class MetricsListener
{
    private const string KestrelEndpoints = "Kestrel:Endpoints";
    private const string KestrelDefault = "http://localhost:5000";

    public static void Add(WebApplicationBuilder builder, MetricsOptions options)
    {
        // A bad port is reported by the options' validation at start, with the setting named.
        if (options.Port is not { } port || port is < 1 or > 65535) return;
        var url = $"http://{HostPart(options.Host)}:{port}";
        if (builder.Configuration.GetSection(KestrelEndpoints).GetChildren().Any())
        {
            builder.Configuration.AddInMemoryCollection([new($"{KestrelEndpoints}:ResponseBotMetrics:Url", url)]);
            return;
        }
        builder.WebHost.UseUrls([.. BotUrls(builder.WebHost), url]);
    }

    /// <summary>Where the bot itself listens, worked out the way Kestrel does when it is given no endpoints.</summary>
    private static IEnumerable<string> BotUrls(IWebHostBuilder host)
    {
        if (Split(host.GetSetting(WebHostDefaults.ServerUrlsKey)) is { Length: > 0 } urls) return urls;
        var ports = Split(host.GetSetting(WebHostDefaults.HttpPortsKey)).Select(p => $"http://*:{p}")
            .Concat(Split(host.GetSetting(WebHostDefaults.HttpsPortsKey)).Select(p => $"https://*:{p}")).ToList();
        return ports.Count > 0 ? ports : [KestrelDefault];
    }

    private static string[] Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string HostPart(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : host;
}
