using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ResponseBot.Platforms;
using ResponseBot.Platforms.Generic;

namespace ResponseBot.Host.Demo;

/// <summary>
/// The demo's listening tool: posts the shipped sample mentions (a complaint, a question, personal data, a political one, a
/// journalist, an emergency, then a small storm of near-duplicates) to this host's own signed webhook at a gentle pace, as
/// any integration would. It holds no rules: everything that happens to them is the product's.
/// </summary>
public sealed class DemoFeed(IServer server, IHostApplicationLifetime lifetime, IOptions<DemoOptions> options, AccountDirectory accounts,
    IHttpClientFactory http, TimeProvider clock, ILogger<DemoFeed> log) : BackgroundService
{
    private sealed record Sample(string Handle, string Name, string Text, bool Storm = false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!await StartedAsync(stoppingToken)) return;
        var secret = accounts.Settings(o.FeedAccount)?.WebhookSecret;
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (secret is null || address is null)
        {
            log.LogWarning("Demo feed not started: account {Account} has no webhook secret, or the host has no address", o.FeedAccount);
            return;
        }
        var target = new Uri(new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("+", "127.0.0.1").TrimEnd('/') + "/"), "api/webhooks/generic");
        var run = clock.GetUtcNow().ToUnixTimeSeconds();
        using var client = http.CreateClient(nameof(DemoFeed));
        await Task.Delay(o.FeedFirstDelay, clock, stoppingToken);
        var samples = Load();
        for (var i = 0; i < samples.Count && !stoppingToken.IsCancellationRequested; i++)
        {
            await PostAsync(client, target, secret, o.FeedAccount, $"demo-{run}-{i}", samples[i], stoppingToken);
            var next = i + 1 < samples.Count && samples[i + 1].Storm && samples[i].Storm ? TimeSpan.FromSeconds(2) : o.FeedInterval;
            if (i + 1 < samples.Count) await Task.Delay(next, clock, stoppingToken);
        }
        log.LogInformation("Demo feed finished: {Count} sample mentions posted", samples.Count);
    }

    private async Task<bool> StartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var __ = ct.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (TaskCanceledException) { return false; }
    }

    private async Task PostAsync(HttpClient client, Uri target, string secret, string account, string id, Sample s, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["account"] = account,
            ["id"] = id,
            ["author"] = new JsonObject { ["handle"] = s.Handle, ["name"] = s.Name, ["url"] = $"https://social.example/@{s.Handle}" },
            ["text"] = s.Text,
            ["url"] = $"https://social.example/posts/{id}",
            ["createdAt"] = clock.GetUtcNow().ToString("O"),
        }.ToJsonString());
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        try
        {
            using var response = await client.SendAsync(request, ct);
            log.LogInformation("Demo feed posted {Id} from @{Handle}: {Status}", id, s.Handle, (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            log.LogWarning("Demo feed could not post {Id}: {Error}", id, ex.Message);
        }
    }

    private static List<Sample> Load()
    {
        using var stream = typeof(DemoFeed).Assembly.GetManifestResourceStream("ResponseBot.Host.Demo.demo-feed.json")
            ?? throw new InvalidOperationException("demo-feed.json is not embedded");
        return JsonSerializer.Deserialize<List<Sample>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
